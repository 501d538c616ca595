// Checkpoints: everything a run needs to continue bit for bit, in one file written atomically.
//
// Layout (little-endian, as the machines this runs on):
//   "MOECKPT\0"  u32 version (1)  u32 0
//   u64 n, config as `key = value` text (TrainConfig::toText)
//   u64 steps done
//   u64 n, the data source's state bytes
//   u64 parameter count P, then P floats each: parameters, Adam first moment, Adam second moment
//   u64 FNV-1a 64 of every byte before it
#include "trainer_impl.h"

#include "moe/error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace moe {

namespace {

constexpr char kMagic[8] = {'M', 'O', 'E', 'C', 'K', 'P', 'T', '\0'};
constexpr uint32_t kVersion = 1;

class HashingWriter {
public:
    HashingWriter(std::FILE* file, const std::string& path) : m_file(file), m_path(path) {}

    void bytes(const void* data, size_t size)
    {
        const auto* p = static_cast<const unsigned char*>(data);
        for (size_t i = 0; i < size; ++i) {
            m_hash ^= p[i];
            m_hash *= 0x100000001B3ull;
        }
        if (std::fwrite(data, 1, size, m_file) != size)
            throw FormatError(m_path, std::string("cannot write the checkpoint: ") + std::strerror(errno));
    }
    void u32(uint32_t v) { bytes(&v, sizeof v); }
    void u64(uint64_t v) { bytes(&v, sizeof v); }
    void text(const std::string& s)
    {
        u64(s.size());
        bytes(s.data(), s.size());
    }
    uint64_t hash() const { return m_hash; }

private:
    std::FILE* m_file;
    const std::string& m_path;
    uint64_t m_hash = 0xCBF29CE484222325ull;
};

uint64_t fnv1a(const unsigned char* p, size_t size)
{
    uint64_t h = 0xCBF29CE484222325ull;
    for (size_t i = 0; i < size; ++i) {
        h ^= p[i];
        h *= 0x100000001B3ull;
    }
    return h;
}

// A checkpoint read whole and checked; the arrays point into `bytes`.
struct CheckpointFile {
    std::vector<unsigned char> bytes;
    std::string configText, dataState;
    uint64_t stepsDone = 0, paramCount = 0;
    const unsigned char* arrays = nullptr; // params, m, v

    explicit CheckpointFile(const std::string& path)
    {
        std::ifstream in(path, std::ios::binary);
        if (!in)
            throw FormatError(path, "cannot open the checkpoint");
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        if (in.bad())
            throw FormatError(path, "cannot read the checkpoint");
        size_t at = 0;
        const auto need = [&](size_t n, const char* what) {
            if (n > bytes.size() - at)
                throw FormatError(path, std::string("truncated checkpoint: ") + what + " at byte " +
                                            std::to_string(at) + " needs " + std::to_string(n) + " bytes, " +
                                            std::to_string(bytes.size() - at) + " left");
        };
        const auto u64 = [&](const char* what) {
            need(8, what);
            uint64_t v = 0;
            std::memcpy(&v, bytes.data() + at, 8);
            at += 8;
            return v;
        };
        const auto text = [&](const char* what) {
            const uint64_t n = u64(what);
            need(n, what);
            std::string s(reinterpret_cast<const char*>(bytes.data() + at), n);
            at += n;
            return s;
        };
        need(16, "header");
        if (std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
            throw FormatError(path, "not a tiny-experts checkpoint (wrong magic)");
        uint32_t version = 0;
        std::memcpy(&version, bytes.data() + 8, 4);
        if (version != kVersion)
            throw FormatError(path, "checkpoint version " + std::to_string(version) + ", expected " +
                                        std::to_string(kVersion));
        if (bytes.size() < 24 || fnv1a(bytes.data(), bytes.size() - 8) != [&] {
                uint64_t h = 0;
                std::memcpy(&h, bytes.data() + bytes.size() - 8, 8);
                return h;
            }())
            throw FormatError(path, "checkpoint checksum mismatch (damaged or truncated file)");
        at = 16;
        configText = text("config");
        stepsDone = u64("step");
        dataState = text("data state");
        paramCount = u64("parameter count");
        if (paramCount > (bytes.size() - at) / 12)
            throw FormatError(path, "checkpoint claims " + std::to_string(paramCount) +
                                        " parameters, the file holds " +
                                        std::to_string((bytes.size() - at) / 12));
        arrays = bytes.data() + at;
        at += paramCount * 12;
        if (at + 8 != bytes.size())
            throw FormatError(path, "checkpoint has " + std::to_string(bytes.size() - at - 8) +
                                        " unexpected bytes before the checksum");
    }

    TrainConfig config(const std::string& path) const
    {
        const Settings settings = Settings::parse(configText, path + " (stored config)");
        TrainConfig c = TrainConfig::fromSettings(settings);
        settings.requireAllUsed();
        return c;
    }
};

void requireSame(const std::string& path, const char* key, int64_t stored, int64_t current)
{
    if (stored != current)
        throw FormatError(path, std::string("the checkpoint was made with ") + key + " = " +
                                    std::to_string(stored) + ", this run has " + std::to_string(current));
}

} // namespace

void Trainer::saveCheckpoint(const std::string& path) const
{
    const Impl& s = *m_impl;
    const std::string temporary = path + ".tmp";
    std::FILE* file = std::fopen(temporary.c_str(), "wb");
    if (!file)
        throw FormatError(temporary, std::string("cannot create the checkpoint: ") + std::strerror(errno));
    try {
        HashingWriter out(file, temporary);
        out.bytes(kMagic, sizeof kMagic);
        out.u32(kVersion);
        out.u32(0);
        out.text(s.config.toText());
        out.u64(static_cast<uint64_t>(s.stepsDone));
        out.text(s.data->state());
        const size_t n = s.layout.total();
        out.u64(n);
        out.bytes(s.params.data(), n * sizeof(float));
        out.bytes(s.adamM.data(), n * sizeof(float));
        out.bytes(s.adamV.data(), n * sizeof(float));
        const uint64_t hash = out.hash();
        if (std::fwrite(&hash, 1, sizeof hash, file) != sizeof hash || std::fflush(file) != 0 ||
            ::fsync(fileno(file)) != 0)
            throw FormatError(temporary, std::string("cannot write the checkpoint: ") + std::strerror(errno));
    } catch (...) {
        std::fclose(file);
        std::remove(temporary.c_str());
        throw;
    }
    if (std::fclose(file) != 0) {
        std::remove(temporary.c_str());
        throw FormatError(temporary, std::string("cannot close the checkpoint: ") + std::strerror(errno));
    }
    // rename() replaces the old checkpoint in one step: a crash leaves the old or the new file whole.
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) {
        std::remove(temporary.c_str());
        throw FormatError(path, "cannot replace the checkpoint: " + error.message());
    }
}

void Trainer::loadCheckpoint(const std::string& path)
{
    Impl& s = *m_impl;
    const CheckpointFile file(path);
    const TrainConfig stored = file.config(path);
    const ModelConfig &a = stored.model, &b = s.config.model;
    requireSame(path, "layers", a.nLayer, b.nLayer);
    requireSame(path, "dim", a.nEmbd, b.nEmbd);
    requireSame(path, "heads", a.nHead, b.nHead);
    requireSame(path, "kv_heads", a.nHeadKv, b.nHeadKv);
    requireSame(path, "experts", a.nExpert, b.nExpert);
    requireSame(path, "top_k", a.nExpertUsed, b.nExpertUsed);
    requireSame(path, "ffn", a.nFf, b.nFf);
    requireSame(path, "vocab", a.nVocab, b.nVocab);
    requireSame(path, "context", a.nCtx, b.nCtx);
    requireSame(path, "tied_output", a.tiedOutput, b.tiedOutput);
    requireSame(path, "seq_len", stored.seqLen, s.config.seqLen);
    requireSame(path, "batch_size", stored.batchSize, s.config.batchSize);
    if (a.ropeFreqBase != b.ropeFreqBase || a.rmsEps != b.rmsEps)
        throw FormatError(path, "the checkpoint was made with another rope_base or rms_eps");
    requireSame(path, "parameter count", static_cast<int64_t>(file.paramCount),
                static_cast<int64_t>(s.layout.total()));

    s.data->restoreState(file.dataState); // first: it may throw, and then nothing has changed
    const size_t bytes = s.layout.total() * sizeof(float);
    std::memcpy(s.params.data(), file.arrays, bytes);
    std::memcpy(s.adamM.data(), file.arrays + bytes, bytes);
    std::memcpy(s.adamV.data(), file.arrays + 2 * bytes, bytes);
    s.stepsDone = static_cast<int>(file.stepsDone);
}

TrainConfig Trainer::checkpointConfig(const std::string& path)
{
    return CheckpointFile(path).config(path);
}

} // namespace moe
