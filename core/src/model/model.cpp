// Model: loading entry points and what the model costs per token.
#include "moe/model.h"
#include "model_layout.h"

#include "moe/error.h"

#include <cstdio>
#include <filesystem>
#include <map>
#include <system_error>
#include <unistd.h>

namespace moe {

namespace {

std::string gibibytes(uint64_t bytes)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f GiB", static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0));
    return text;
}

} // namespace

uint64_t Model::physicalMemory()
{
    const long pages = ::sysconf(_SC_PHYS_PAGES), pageSize = ::sysconf(_SC_PAGE_SIZE);
    return pages > 0 && pageSize > 0 ? static_cast<uint64_t>(pages) * static_cast<uint64_t>(pageSize) : 0;
}

uint64_t Model::requireFitsInMemory(const std::string& path, uint64_t memory)
{
    // The weights are memory-mapped, not copied; but a file larger than the computer's memory would
    // be read from disk again for every token, and the system may kill the process that tries.
    std::error_code error;
    const uintmax_t size = std::filesystem::file_size(path, error);
    if (error)
        return 0; // GgufFile::open names what is wrong with the path
    if (memory > 0 && size > memory)
        throw FormatError(path, "the model file is " + gibibytes(size) +
                                    ", larger than this computer's memory (" + gibibytes(memory) +
                                    "); it cannot run here. A smaller quantisation of the "
                                    "model (for example Q4_K_M) may fit");
    return size;
}

std::shared_ptr<const Model> Model::load(const std::string& path, const LoadMonitor& monitor)
{
    requireFitsInMemory(path);
    if (monitor.cancel && monitor.cancel->load())
        throw LoadCancelled(path);
    return fromGguf(GgufFile::open(path), monitor);
}

std::string Model::name() const
{
    if (const std::optional<std::string> name = m_file.metadata().findString("general.name");
        name && !name->empty())
        return *name;
    const std::string& source = m_file.source();
    const size_t slash = source.find_last_of("/\\");
    return slash == std::string::npos ? source : source.substr(slash + 1);
}

TensorType Model::mainType() const
{
    std::map<TensorType, uint64_t> bytes;
    for (const TensorSpec& spec : modelLayout(m_config)) {
        if (!spec.isVector())
            if (const GgufTensorInfo* info = m_file.findTensor(spec.name))
                bytes[info->type] += info->byteSize;
    }
    TensorType best = TensorType::F32;
    uint64_t bestBytes = 0;
    for (const auto& [type, n] : bytes) {
        if (n > bestBytes) {
            best = type;
            bestBytes = n;
        }
    }
    return best;
}

uint64_t Model::bytesReadPerToken() const
{
    // One embedding row, k of the nExpert routed experts, and every other tensor whole (norms,
    // attention, routers, shared experts, dense layers, the output matrix): the bytes that bound
    // generation speed.
    uint64_t bytes = 0;
    for (const TensorSpec& spec : modelLayout(m_config)) {
        const GgufTensorInfo* info = m_file.findTensor(spec.name);
        if (!info)
            continue;
        if (spec.role == TensorRole::Embedding)
            bytes += m_weights.tokenEmbd.rowBytes;
        else if (spec.role == TensorRole::Experts)
            bytes += info->byteSize / static_cast<uint64_t>(m_config.nExpert) *
                     static_cast<uint64_t>(m_config.nExpertUsed);
        else
            bytes += info->byteSize;
    }
    if (m_config.tiedOutput)
        bytes += static_cast<uint64_t>(m_weights.output.rows) * m_weights.output.rowBytes;
    return bytes;
}

} // namespace moe
