// Converts a GGUF file to a recipe's tensor types, the way llama-quantize writes its output: every
// key kept (split keys dropped), general.quantization_version and general.file_type replaced at the
// end, tensors re-encoded row by row (a quantised input decoded to F32 first) and written in
// llama.cpp's order, each padded to the file's alignment by GgufWriter, which writes them one at a
// time as they are converted.
#include "moe/error.h"
#include "moe/quantize.h"

#include <filesystem>
#include <stdexcept>

namespace moe {

namespace {

constexpr uint32_t kQuantizationVersion = 2; // ggml's GGML_QNT_VERSION

GgufMetadata outputMetadata(const GgufMetadata& input, QuantRecipe recipe)
{
    GgufMetadata out;
    for (const auto& [key, value] : input.entries()) {
        if (key == "general.quantization_version" || key == "general.file_type" || key == "split.no" ||
            key == "split.count" || key == "split.tensors.count")
            continue;
        out.add(key, value);
    }
    // llama.cpp's gguf_set_val_u32 removes a key and appends it: both end up last, in this order.
    out.add("general.quantization_version", GgufValue{GgufScalar{kQuantizationVersion}});
    out.add("general.file_type", GgufValue{GgufScalar{static_cast<uint32_t>(recipe)}});
    return out;
}

std::vector<std::byte> convert(const GgufFile& input, const GgufTensorInfo& tensor, TensorType to)
{
    const std::span<const std::byte> data = input.tensorData(tensor);
    const int64_t rowLength = tensor.ne.empty() ? 1 : tensor.ne[0];
    const int64_t rows = rowLength == 0 ? 0 : tensor.elementCount() / rowLength;
    const int64_t one[] = {rowLength};
    const uint64_t rowBytesIn = *tensorBytes(tensor.type, one); // the reader checked the shape
    std::vector<std::byte> out;
    out.reserve(
        static_cast<size_t>(*tensorBytes(to, one) * static_cast<uint64_t>(rows))); // checked by the caller
    std::vector<float> row(static_cast<size_t>(rowLength));
    for (int64_t r = 0; r < rows; ++r) {
        decodeRow(tensor.type, data.data() + static_cast<uint64_t>(r) * rowBytesIn, row);
        encodeRow(to, row, out);
    }
    return out;
}

} // namespace

QuantiseReport quantiseGguf(const GgufFile& input, QuantRecipe recipe, const std::string& outPath, bool pure)
{
    const std::vector<GgufTensorInfo>& tensors = input.tensors();
    const QuantModelFacts facts = QuantModelFacts::of(input.metadata(), tensors);
    const std::vector<TensorChoice> choices = chooseTensorTypes(recipe, facts, tensors, pure);

    GgufWriter writer;
    writer.metadata() = outputMetadata(input.metadata(), recipe);
    QuantiseReport report;
    const std::vector<size_t> order = llamaCppTensorOrder(tensors);
    for (size_t i : order) {
        const GgufTensorInfo& tensor = tensors[i];
        const TensorChoice& choice = choices[i];
        // Like llama-quantize, a tensor already in its target type is copied, never re-encoded.
        const bool converted = choice.quantisable && choice.type != tensor.type;
        const TensorType to = converted ? choice.type : tensor.type;
        const std::optional<uint64_t> bytes = tensorBytes(to, tensor.ne);
        if (!bytes)
            throw std::invalid_argument("tensor '" + tensor.name + "': rows of " +
                                        std::to_string(tensor.ne[0]) + " values cannot be stored as " +
                                        std::string(tensorTypeName(to)));
        report.tensors.push_back(
            {tensor.name, tensor.type, to, tensor.byteSize, *bytes, converted, choice.fallback});
        writer.addTensorLayout(tensor.name, to, tensor.ne);
    }
    // One tensor converted and held at a time: the output may be far larger than memory.
    writer.writeFile(outPath, [&](size_t k, const GgufTensorInfo&) {
        const GgufTensorInfo& tensor = tensors[order[k]];
        if (report.tensors[k].converted)
            return convert(input, tensor, report.tensors[k].to);
        const std::span<const std::byte> data = input.tensorData(tensor);
        return std::vector<std::byte>(data.begin(), data.end());
    });
    report.fileBytes = std::filesystem::file_size(outPath);
    return report;
}

} // namespace moe
