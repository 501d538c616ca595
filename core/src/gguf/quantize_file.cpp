// Converts a GGUF file to a recipe's tensor types, the way llama-quantize writes its output: every
// key kept (split keys dropped), general.quantization_version and general.file_type replaced at the
// end, tensors re-encoded row by row (a quantised input decoded to F32 first). Tensors stay in the
// input's order; each is padded to the file's alignment by GgufWriter.
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
    const std::optional<uint64_t> rowBytesOut = tensorBytes(to, one);
    if (!rowBytesOut)
        throw std::invalid_argument("tensor '" + tensor.name + "': rows of " + std::to_string(rowLength) +
                                    " values cannot be stored as " + std::string(tensorTypeName(to)));
    std::vector<std::byte> out;
    out.reserve(static_cast<size_t>(*rowBytesOut * static_cast<uint64_t>(rows)));
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
    for (size_t i = 0; i < tensors.size(); ++i) {
        const GgufTensorInfo& tensor = tensors[i];
        const TensorChoice& choice = choices[i];
        // Like llama-quantize, a tensor already in its target type is copied, never re-encoded.
        const bool converted = choice.quantisable && choice.type != tensor.type;
        std::vector<std::byte> data;
        if (converted) {
            data = convert(input, tensor, choice.type);
        } else {
            const std::span<const std::byte> bytes = input.tensorData(tensor);
            data.assign(bytes.begin(), bytes.end());
        }
        const TensorType to = converted ? choice.type : tensor.type;
        report.tensors.push_back(
            {tensor.name, tensor.type, to, tensor.byteSize, data.size(), converted, choice.fallback});
        writer.addTensor(tensor.name, to, tensor.ne, std::move(data));
    }
    writer.writeFile(outPath);
    report.fileBytes = std::filesystem::file_size(outPath);
    return report;
}

} // namespace moe
