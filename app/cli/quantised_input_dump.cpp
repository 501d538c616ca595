#include "quantised_input_dump.h"

#include "moe/model.h"
#include "moe/tensor_types.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace cli {

QuantisedInputDump::QuantisedInputDump(const moe::Model& model, const std::string& path)
    : m_file(std::fopen(path.c_str(), "w"))
{
    if (!m_file)
        throw std::runtime_error("cannot write '" + path + "': " + std::strerror(errno));
    const moe::GgufFile& file = model.file();
    for (const moe::GgufTensorInfo& info : file.tensors()) {
        const std::span<const std::byte> bytes = file.tensorData(info);
        const size_t experts = info.ne.size() == 3 ? static_cast<size_t>(info.ne[2]) : 0;
        m_ranges.push_back(
            {bytes.data(), bytes.data() + bytes.size(), info.name, experts > 0 ? bytes.size() / experts : 0});
    }
    std::sort(m_ranges.begin(), m_ranges.end(),
              [](const Range& a, const Range& b) { return a.begin < b.begin; });
}

QuantisedInputDump::~QuantisedInputDump()
{
    std::fclose(m_file);
}

void QuantisedInputDump::write(const moe::QuantisedInput& input)
{
    const std::byte* data = input.weight->data;
    auto it = std::upper_bound(m_ranges.begin(), m_ranges.end(), data,
                               [](const std::byte* p, const Range& r) { return p < r.begin; });
    if (it == m_ranges.begin() || data >= std::prev(it)->end)
        throw std::logic_error("a quantised product's weights lie outside every tensor of the file");
    const Range& range = *std::prev(it);
    const long expert =
        range.expertBytes > 0 ? static_cast<long>((data - range.begin) / range.expertBytes) : -1;
    std::fprintf(m_file, "%s %ld %d %s", range.name.c_str(), expert, input.position,
                 std::string(moe::tensorTypeName(input.weight->type)).c_str());
    for (const float v : input.values)
        std::fprintf(m_file, " %.9g", static_cast<double>(v));
    std::fputc('\n', m_file);
}

} // namespace cli
