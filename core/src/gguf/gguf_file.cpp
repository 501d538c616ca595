// Opening a GGUF file by memory-mapping it (read-only, private), and access to the parsed tensors.
// The mapping is owned by the shared storage(), so tensor spans outlive any one GgufFile copy.
#include "moe/error.h"
#include "moe/gguf.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace moe {

int64_t GgufTensorInfo::elementCount() const
{
    int64_t count = 1;
    for (int64_t n : ne)
        count *= n; // the reader and writer refuse shapes whose count overflows
    return count;
}

namespace {

// Closes the descriptor on every path; the mapping stays valid after close.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    ~FileDescriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

std::string systemError(const char* what)
{
    return std::string(what) + ": " + std::strerror(errno);
}

} // namespace

GgufFile GgufFile::open(const std::string& path)
{
    const FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0)
        throw FormatError(path, systemError("cannot open"));
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0)
        throw FormatError(path, systemError("cannot stat"));
    if (!S_ISREG(st.st_mode))
        throw FormatError(path, "not a regular file");
    const auto size = static_cast<size_t>(st.st_size);
    if (size == 0) // mmap cannot map zero bytes; parsing nothing gives the usual truncation error
        return parse({}, path);

    void* mapped = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd.get(), 0);
    if (mapped == MAP_FAILED)
        throw FormatError(path, systemError("cannot memory-map"));
    std::shared_ptr<const void> storage(mapped,
                                        [size](const void* p) { ::munmap(const_cast<void*>(p), size); });

    GgufFile file = parse(std::span(static_cast<const std::byte*>(mapped), size), path);
    file.m_storage = std::move(storage);
    return file;
}

const GgufTensorInfo* GgufFile::findTensor(std::string_view name) const
{
    const auto it = m_tensorIndex.find(name);
    return it == m_tensorIndex.end() ? nullptr : &m_tensors[it->second];
}

std::span<const std::byte> GgufFile::tensorData(const GgufTensorInfo& info) const
{
    // parse() checked every tensor of this file lies inside it; an info from elsewhere may not.
    const uint64_t available = m_bytes.size() - m_dataOffset;
    if (info.offset > available || info.byteSize > available - info.offset)
        throw std::invalid_argument("tensor '" + info.name + "' does not lie inside " + source());
    return m_bytes.subspan(m_dataOffset + info.offset, info.byteSize);
}

} // namespace moe
