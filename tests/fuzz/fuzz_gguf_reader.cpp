// libFuzzer target for the GGUF reader. Any input must either parse or throw moe::FormatError; what
// parses must survive every getter, give in-bounds tensor spans of tensorBytes' size for every tensor
// type (floats, the 32-blocks, K-quants and IQ4_*), decode its first and last rows, round-trip through
// the writer, and go through what `quantize` does with a file it reads: llama-quantize's recipe
// choosing each tensor's type (a recipe picked by the input) and the chosen type's encoder on the
// decoded row. A broken invariant traps, so libFuzzer saves the input. Build and run: README.md,
// "Fuzzing the GGUF reader".
#include "moe/error.h"
#include "moe/gguf.h"
#include "moe/quantize.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

void require(bool condition)
{
    if (!condition)
        __builtin_trap();
}

// Runs a getter; returns whether it succeeded. Only FormatError may escape a getter.
template <typename F> bool succeeds(F&& getter)
{
    try {
        getter();
        return true;
    } catch (const moe::FormatError&) {
        return false;
    }
}

void exerciseGetters(const moe::GgufMetadata& m)
{
    using T = moe::GgufValueType;
    for (const auto& entry : m.entries()) {
        const std::string& key = entry.first; // (clang 14 cannot capture structured bindings)
        const moe::GgufValue& value = entry.second;
        require(m.find(key) == &value);
        const T type = moe::typeOf(value);
        const auto* array = std::get_if<moe::GgufArray>(&value);
        const T element = array != nullptr ? array->elementType : T::Array;
        require(!moe::ggufValueTypeName(type).empty());

        // Each getter succeeds exactly when the stored type is the one it asks for.
        require(succeeds([&] { m.getU32(key); }) == (type == T::UInt32));
        require(succeeds([&] { m.findU32(key); }) == (type == T::UInt32));
        require(succeeds([&] { m.getF32(key); }) == (type == T::Float32));
        require(succeeds([&] { m.findF32(key); }) == (type == T::Float32));
        require(succeeds([&] { m.getBool(key); }) == (type == T::Bool));
        require(succeeds([&] { m.findBool(key); }) == (type == T::Bool));
        require(succeeds([&] { m.getString(key); }) == (type == T::String));
        require(succeeds([&] { m.findString(key); }) == (type == T::String));
        require(succeeds([&] { m.getStringArray(key); }) == (element == T::String));
        require(succeeds([&] { m.getI32Array(key); }) == (element == T::Int32));
        require(succeeds([&] { m.getF32Array(key); }) == (element == T::Float32));

        const size_t items = array != nullptr ? array->items.size() : 1;
        for (size_t nLayer : {size_t{0}, size_t{1}, size_t{4}, items}) {
            std::vector<uint32_t> perLayer;
            if (succeeds([&] { perLayer = m.getU32PerLayer(key, nLayer); }))
                require(perLayer.size() == nLayer);
        }
    }
    require(!m.contains("\x01 no such key"));
    require(!m.findU32("\x01 no such key") && !m.findString("\x01 no such key"));
    require(!succeeds([&] { m.getU32("\x01 no such key"); }));
}

void exerciseTensors(const moe::GgufFile& file, std::span<const std::byte> input)
{
    require(file.dataOffset() % file.alignment() == 0 && file.dataOffset() <= input.size());
    for (const moe::GgufTensorInfo& info : file.tensors()) {
        require(file.findTensor(info.name) == &info);
        require(!info.name.empty() && info.name.size() < 64 && !info.ne.empty() && info.ne.size() <= 4);
        require(info.offset % file.alignment() == 0);
        const std::span<const std::byte> data = file.tensorData(info);
        require(data.size() == info.byteSize);
        require(data.data() >= input.data() && data.data() + data.size() <= input.data() + input.size());
        require(info.elementCount() >= 0);
        require(moe::tensorBytes(info.type, info.ne) == info.byteSize);
        if (info.byteSize == 0)
            continue;
        // Decode (part of) the first and the last row, reading the mapped bytes as the model would.
        const int64_t block = moe::blockSize(info.type);
        require(info.ne[0] % block == 0);
        const int64_t row[] = {info.ne[0]};
        const uint64_t rowBytes = *moe::tensorBytes(info.type, row);
        require(rowBytes > 0 && info.byteSize % rowBytes == 0);
        const int64_t n = std::min<int64_t>(info.ne[0], 1024) / block * block;
        std::vector<float> values(static_cast<size_t>(n));
        moe::decodeRow(info.type, data.data() + (info.byteSize - rowBytes), values);
        moe::decodeRow(info.type, data.data(), values);
    }
}

// Floats survive encodeRow(decodeRow(x)) bit for bit (NaN aside: BF16 quiets it).
void checkFloatRow(moe::TensorType type, std::span<const std::byte> bytes, std::span<const float> values)
{
    std::vector<std::byte> again;
    moe::encodeRow(type, values, again);
    require(again.size() == bytes.size());
    if (type == moe::TensorType::F32)
        require(std::equal(again.begin(), again.end(), bytes.begin()));
    for (size_t i = 0; type != moe::TensorType::F32 && i < values.size(); ++i)
        require(std::isnan(values[i]) ||
                (again[2 * i] == bytes[2 * i] && again[2 * i + 1] == bytes[2 * i + 1]));
}

// What `tiny-experts-cli quantize` does with a file it reads: the recipe's type for each tensor, then
// each converted row re-encoded (here: the first up to 1024 values of each of the first tensors).
void exerciseQuantise(const moe::GgufFile& file, std::span<const std::byte> input)
{
    const std::vector<moe::GgufTensorInfo>& tensors = file.tensors();
    std::vector<size_t> order = moe::llamaCppTensorOrder(tensors);
    require(order.size() == tensors.size());
    std::sort(order.begin(), order.end());
    for (size_t i = 0; i < order.size(); ++i)
        require(order[i] == i);

    const std::span<const moe::QuantRecipe> recipes = moe::allQuantRecipes();
    const moe::QuantRecipe recipe =
        recipes[std::to_integer<size_t>(input[input.size() / 2]) % recipes.size()];
    const bool pure = (std::to_integer<unsigned>(input[input.size() / 3]) & 1) != 0;
    std::vector<moe::TensorChoice> choices;
    try {
        choices =
            moe::chooseTensorTypes(recipe, moe::QuantModelFacts::of(file.metadata(), tensors), tensors, pure);
    } catch (const moe::FormatError&) {
        return; // no architecture or block count: quantize refuses the file
    } catch (const std::invalid_argument&) {
        return; // a row length no type of the recipe holds: llama-quantize refuses it too
    }
    require(choices.size() == tensors.size());
    for (size_t i = 0; i < tensors.size(); ++i) {
        const moe::GgufTensorInfo& info = tensors[i];
        const moe::TensorChoice& choice = choices[i];
        require(choice.quantisable || (choice.type == info.type && !choice.fallback));
        require(moe::tensorBytes(choice.type, info.ne).has_value()); // the chosen type holds the rows
        if (i >= 8 || info.byteSize == 0)
            continue;
        // The row through both codecs, in whole blocks of either type (block sizes are 1, 32, 256).
        const int64_t block = std::max(moe::blockSize(info.type), moe::blockSize(choice.type));
        const int64_t n = std::min<int64_t>(info.ne[0], 1024) / block * block;
        if (n == 0)
            continue;
        const std::span<const std::byte> data = file.tensorData(info);
        std::vector<float> values(static_cast<size_t>(n));
        moe::decodeRow(info.type, data.data(), values);
        std::vector<std::byte> encoded;
        moe::encodeRow(choice.type, values, encoded);
        const int64_t shape[] = {n};
        require(encoded.size() == moe::tensorBytes(choice.type, shape));
        if (!moe::isQuantised(info.type) && info.type == choice.type)
            checkFloatRow(info.type, data.first(encoded.size()), values);
        std::vector<float> decoded(values.size());
        moe::decodeRow(choice.type, encoded.data(), decoded);
    }
}

moe::GgufWriter rebuild(const moe::GgufFile& file)
{
    moe::GgufWriter writer;
    writer.metadata() = file.metadata();
    for (const moe::GgufTensorInfo& info : file.tensors()) {
        const std::span<const std::byte> data = file.tensorData(info);
        writer.addTensor(info.name, info.type, info.ne, {data.begin(), data.end()});
    }
    return writer;
}

// What the reader accepts, the writer writes, and the reader reads back to the same layout.
void checkRoundTrip(const moe::GgufFile& file)
{
    const std::vector<std::byte> once = rebuild(file).toBytes();
    std::optional<moe::GgufFile> reread;
    try {
        reread.emplace(moe::GgufFile::parse(once, "rewritten"));
    } catch (const moe::FormatError&) {
        __builtin_trap(); // the writer wrote a file the reader refuses
    }
    require(reread->dataOffset() == file.dataOffset());
    require(reread->metadata().entries().size() == file.metadata().entries().size());
    require(reread->tensors().size() == file.tensors().size());
    for (size_t i = 0; i < file.tensors().size(); ++i) {
        const moe::GgufTensorInfo& a = file.tensors()[i];
        const moe::GgufTensorInfo& b = reread->tensors()[i];
        require(a.name == b.name && a.ne == b.ne && a.type == b.type && a.offset == b.offset &&
                a.byteSize == b.byteSize);
    }
    require(rebuild(*reread).toBytes() == once);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::span<const std::byte> input(reinterpret_cast<const std::byte*>(data), size);
    std::optional<moe::GgufFile> file;
    try {
        file.emplace(moe::GgufFile::parse(input, "fuzz"));
    } catch (const moe::FormatError&) {
        return 0; // refused cleanly: the expected outcome for most inputs
    }
    exerciseGetters(file->metadata());
    exerciseTensors(*file, input);
    exerciseQuantise(*file, input);
    checkRoundTrip(*file);
    return 0;
}
