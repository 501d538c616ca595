// Model: loading entry points and what the model costs per token.
#include "moe/model.h"

#include <map>

namespace moe {

std::shared_ptr<const Model> Model::load(const std::string& path)
{
    return fromGguf(GgufFile::open(path));
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

namespace {

uint64_t matrixBytes(const WeightMatrix& w)
{
    return static_cast<uint64_t>(w.rows) * w.rowBytes;
}

uint64_t normBytes(const GgufFile& file, const std::string& name)
{
    const GgufTensorInfo* info = file.findTensor(name);
    return info ? info->byteSize : 0;
}

} // namespace

TensorType Model::mainType() const
{
    std::map<TensorType, uint64_t> bytes;
    const auto count = [&bytes](const WeightMatrix& w, uint64_t times = 1) {
        bytes[w.type] += times * matrixBytes(w);
    };
    count(m_weights.tokenEmbd);
    if (!m_config.tiedOutput)
        count(m_weights.output);
    for (const LayerWeights& layer : m_weights.layers) {
        for (const WeightMatrix* w : {&layer.wq, &layer.wk, &layer.wv, &layer.wo, &layer.router})
            count(*w);
        for (size_t e = 0; e < layer.gate.size(); ++e) {
            count(layer.gate[e]);
            count(layer.up[e]);
            count(layer.down[e]);
        }
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
    // One embedding row, then per layer the norms, attention, router and the k chosen experts,
    // then the final norm and the whole output matrix: the bytes that bound generation speed.
    uint64_t bytes = m_weights.tokenEmbd.rowBytes;
    const auto k = static_cast<uint64_t>(m_config.nExpertUsed);
    for (size_t l = 0; l < m_weights.layers.size(); ++l) {
        const LayerWeights& layer = m_weights.layers[l];
        const std::string prefix = "blk." + std::to_string(l) + ".";
        bytes +=
            normBytes(m_file, prefix + "attn_norm.weight") + normBytes(m_file, prefix + "ffn_norm.weight");
        for (const WeightMatrix* w : {&layer.wq, &layer.wk, &layer.wv, &layer.wo, &layer.router})
            bytes += matrixBytes(*w);
        bytes += k * (matrixBytes(layer.gate[0]) + matrixBytes(layer.up[0]) + matrixBytes(layer.down[0]));
    }
    return bytes + normBytes(m_file, "output_norm.weight") + matrixBytes(m_weights.output);
}

} // namespace moe
