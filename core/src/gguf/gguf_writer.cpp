// Writes GGUF v3 exactly as llama.cpp's gguf_write does: key/values in order, tensor infos, padding
// to the alignment, then tensor data packed in info order with each tensor zero-padded.
#include "moe/error.h"
#include "moe/gguf.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <span>
#include <stdexcept>
#include <string>
#include <system_error>
#include <type_traits>

#include <fcntl.h>
#include <unistd.h>

namespace moe {

namespace {

static_assert(std::endian::native == std::endian::little, "GGUF is little-endian; moe writes it by memcpy");

constexpr uint32_t kDefaultAlignment = 32;
constexpr size_t kMaxNameBytes = 63; // llama.cpp requires strlen(name) < GGML_MAX_NAME (64)
constexpr size_t kMaxDims = 4;

bool isPowerOfTwo(uint32_t v)
{
    return v != 0 && (v & (v - 1)) == 0;
}

uint64_t alignUp(uint64_t value, uint32_t alignment)
{
    return (value + alignment - 1) / alignment * alignment;
}

class ByteSink {
public:
    explicit ByteSink(std::vector<std::byte>& out) : m_out(out) {}

    template <typename T> void put(const T& value)
    {
        static_assert(std::is_trivially_copyable_v<T>);
        putBytes(std::as_bytes(std::span(&value, 1)));
    }
    void putBytes(std::span<const std::byte> bytes)
    {
        // resize + memcpy rather than insert: GCC 12 warns falsely (-Wstringop-overflow) on insert.
        const size_t at = m_out.size();
        m_out.resize(at + bytes.size());
        if (!bytes.empty())
            std::memcpy(m_out.data() + at, bytes.data(), bytes.size());
    }
    void putString(const std::string& text)
    {
        put<uint64_t>(text.size());
        putBytes(std::as_bytes(std::span(text.data(), text.size())));
    }
    void padTo(uint32_t alignment) { m_out.resize(alignUp(m_out.size(), alignment), std::byte{0}); }

    void putScalar(const GgufScalar& value)
    {
        std::visit(
            [this](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::string>)
                    putString(v);
                else if constexpr (std::is_same_v<T, bool>)
                    put<uint8_t>(v ? 1 : 0);
                else
                    put<T>(v);
            },
            value);
    }

    void putValue(const GgufValue& value)
    {
        put<uint32_t>(static_cast<uint32_t>(typeOf(value)));
        if (const auto* scalar = std::get_if<GgufScalar>(&value)) {
            putScalar(*scalar);
            return;
        }
        const auto& array = std::get<GgufArray>(value);
        put<uint32_t>(static_cast<uint32_t>(array.elementType));
        put<uint64_t>(array.items.size());
        for (const GgufScalar& item : array.items)
            putScalar(item);
    }

private:
    std::vector<std::byte>& m_out;
};

// The alignment the file will declare: general.alignment if present (it must then be a valid u32,
// since that is what readers use to find the tensors), else GGUF's default.
uint32_t layoutAlignment(const GgufMetadata& metadata)
{
    const GgufValue* value = metadata.find("general.alignment");
    if (value == nullptr)
        return kDefaultAlignment;
    const auto* scalar = std::get_if<GgufScalar>(value);
    const auto* alignment = scalar != nullptr ? std::get_if<uint32_t>(scalar) : nullptr;
    if (alignment == nullptr || !isPowerOfTwo(*alignment))
        throw std::invalid_argument("general.alignment must be a non-zero power of two stored as u32");
    return *alignment;
}

} // namespace

void GgufWriter::setAlignment(uint32_t alignment)
{
    if (!isPowerOfTwo(alignment))
        throw std::invalid_argument("GGUF alignment " + std::to_string(alignment) +
                                    " is not a non-zero power of two");
    m_metadata.setOrReplace("general.alignment", GgufScalar(alignment));
}

void GgufWriter::addTensor(std::string name, TensorType type, std::vector<int64_t> ne,
                           std::vector<std::byte> data)
{
    addTensorLayout(std::move(name), type, std::move(ne));
    PendingTensor& tensor = m_tensors.back();
    if (data.size() != tensor.info.byteSize) {
        const std::string message = "tensor '" + tensor.info.name + "' has " + std::to_string(data.size()) +
                                    " bytes of data, expected " + std::to_string(tensor.info.byteSize);
        m_tensors.pop_back();
        throw std::invalid_argument(message);
    }
    tensor.data = std::move(data);
    tensor.hasData = true;
}

void GgufWriter::addTensorLayout(std::string name, TensorType type, std::vector<int64_t> ne)
{
    if (name.empty())
        throw std::invalid_argument("a GGUF tensor needs a non-empty name");
    if (name.size() > kMaxNameBytes)
        throw std::invalid_argument("tensor name '" + name + "' is " + std::to_string(name.size()) +
                                    " bytes, the limit is " + std::to_string(kMaxNameBytes));
    for (const PendingTensor& t : m_tensors)
        if (t.info.name == name)
            throw std::invalid_argument("duplicate tensor '" + name + "'");
    if (ne.empty() || ne.size() > kMaxDims)
        throw std::invalid_argument("tensor '" + name + "' has " + std::to_string(ne.size()) +
                                    " dimensions, expected 1 to 4");
    const std::optional<uint64_t> bytes = tensorBytes(type, ne);
    if (!bytes)
        throw std::invalid_argument(
            "tensor '" + name + "' has an invalid shape for " + std::string(tensorTypeName(type)) +
            " (negative dim, ne[0] not a multiple of the block size, or size overflow)");

    PendingTensor tensor;
    tensor.info.name = std::move(name);
    tensor.info.ne = std::move(ne);
    tensor.info.type = type;
    tensor.info.byteSize = *bytes;
    m_tensors.push_back(std::move(tensor)); // offsets are assigned by headerBytes()
}

std::vector<std::byte> GgufWriter::headerBytes() const
{
    const uint32_t alignment = layoutAlignment(m_metadata);
    std::vector<std::byte> out;
    ByteSink sink(out);
    sink.put(std::array<char, 4>{'G', 'G', 'U', 'F'});
    sink.put<uint32_t>(3);
    sink.put<uint64_t>(m_tensors.size());
    sink.put<uint64_t>(m_metadata.entries().size());
    for (const auto& [key, value] : m_metadata.entries()) {
        sink.putString(key);
        sink.putValue(value);
    }

    uint64_t offset = 0;
    for (const PendingTensor& t : m_tensors) {
        sink.putString(t.info.name);
        sink.put<uint32_t>(static_cast<uint32_t>(t.info.ne.size()));
        for (int64_t n : t.info.ne)
            sink.put<int64_t>(n);
        sink.put<uint32_t>(static_cast<uint32_t>(t.info.type));
        sink.put<uint64_t>(offset);
        offset += alignUp(t.info.byteSize, alignment);
    }
    sink.padTo(alignment);
    return out;
}

std::vector<std::byte> GgufWriter::toBytes() const
{
    const uint32_t alignment = layoutAlignment(m_metadata);
    std::vector<std::byte> out = headerBytes();
    uint64_t dataBytes = 0;
    for (const PendingTensor& t : m_tensors) {
        if (!t.hasData)
            throw std::logic_error("tensor '" + t.info.name +
                                   "' has no data yet (use writeFile with a source)");
        dataBytes += alignUp(t.info.byteSize, alignment);
    }
    out.reserve(out.size() + dataBytes);
    ByteSink sink(out);
    for (const PendingTensor& t : m_tensors) {
        sink.putBytes(t.data);
        sink.padTo(alignment);
    }
    return out;
}

void GgufWriter::writeFile(const std::string& path) const
{
    writeFile(path, nullptr);
}

void GgufWriter::writeFile(const std::string& path, const TensorSource& source) const
{
    const uint32_t alignment = layoutAlignment(m_metadata);
    const std::vector<std::byte> header = headerBytes();
    for (const PendingTensor& t : m_tensors)
        if (!t.hasData && !source)
            throw std::logic_error("tensor '" + t.info.name + "' has no data and no source was given");

    const std::string tmpPath = path + ".tmp";
    const auto fail = [&](const std::string& what) {
        const std::string reason = std::strerror(errno);
        ::unlink(tmpPath.c_str());
        throw FormatError(path, what + " '" + tmpPath + "': " + reason);
    };

    const int fd = ::open(tmpPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        throw FormatError(path, "cannot create '" + tmpPath + "': " + std::strerror(errno));
    const auto writeAll = [&](std::span<const std::byte> bytes) {
        size_t written = 0;
        while (written < bytes.size()) {
            const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                const int saved = n == 0 ? EIO : errno;
                ::close(fd);
                errno = saved;
                fail("cannot write");
            }
            written += static_cast<size_t>(n);
        }
    };
    writeAll(header);
    const std::array<std::byte, 256> zeros{};
    for (size_t i = 0; i < m_tensors.size(); ++i) {
        const PendingTensor& t = m_tensors[i];
        if (t.hasData) {
            writeAll(t.data);
        } else {
            // Produced now and dropped after writing, so only one tensor is held at a time.
            std::vector<std::byte> data;
            try {
                data = source(i, t.info);
            } catch (...) {
                ::close(fd);
                ::unlink(tmpPath.c_str());
                throw;
            }
            if (data.size() != t.info.byteSize) {
                ::close(fd);
                ::unlink(tmpPath.c_str());
                throw std::invalid_argument("tensor '" + t.info.name + "' was given " +
                                            std::to_string(data.size()) + " bytes of data, expected " +
                                            std::to_string(t.info.byteSize));
            }
            writeAll(data);
        }
        for (uint64_t pad = alignUp(t.info.byteSize, alignment) - t.info.byteSize; pad > 0;) {
            const size_t n = static_cast<size_t>(std::min<uint64_t>(pad, zeros.size()));
            writeAll(std::span(zeros.data(), n));
            pad -= n;
        }
    }
    // The data must be on disk before the rename makes it the model, or a crash could leave a
    // complete-looking name over an empty file.
    if (::fsync(fd) != 0) {
        const int saved = errno;
        ::close(fd);
        errno = saved;
        fail("cannot sync");
    }
    if (::close(fd) != 0)
        fail("cannot close");

    std::error_code error;
    std::filesystem::rename(tmpPath, path, error);
    if (error) {
        ::unlink(tmpPath.c_str());
        throw FormatError(path, "cannot rename '" + tmpPath + "' over it: " + error.message());
    }
}

} // namespace moe
