// libFuzzer target for the GGUF reader. Any input must either parse or throw moe::FormatError; what
// parses must survive every getter, give in-bounds tensor spans, and round-trip through the writer.
// A broken invariant traps, so libFuzzer saves the input. Build and run: README.md, "Fuzzing the GGUF
// reader".
#include "moe/error.h"
#include "moe/gguf.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
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
        if (info.byteSize == 0)
            continue;
        // Decode (part of) the first row, reading the mapped bytes as the model would.
        const int64_t block = moe::blockSize(info.type);
        const int64_t n = std::min<int64_t>(info.ne[0], 1024) / block * block;
        std::vector<float> row(static_cast<size_t>(n));
        moe::decodeRow(info.type, data.data(), row);
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
    checkRoundTrip(*file);
    return 0;
}
