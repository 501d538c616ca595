// Runs a prompt and a greedy continuation through llama.cpp and writes every input row of a matrix
// product with quantised weights, in the format of `tiny-experts-cli generate --dump-quantised-inputs`
// ("TENSOR EXPERT POSITION TYPE v0 v1 ...", EXPERT -1 outside expert tensors). explain_divergence.py
// compares the two files. Compiled by compare_with_llamacpp.sh against a llama.cpp build that lives
// outside this repository; it uses only llama.cpp's public headers.
//
// usage: dump_quantised_inputs MODEL.gguf PROMPT_FILE N_GENERATE THREADS OUT.txt
// Prints the prompt's token ids, then the generated ones, one line each.
#include "ggml-backend.h"
#include "ggml.h"
#include "llama.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct DumpState {
    std::FILE* out = nullptr;
    int firstPosition = 0; // of the batch being decoded
    int batchTokens = 0;
    bool failed = false;
};

bool isQuantisedWeightProduct(const ggml_tensor* t)
{
    if (t->op != GGML_OP_MUL_MAT && t->op != GGML_OP_MUL_MAT_ID)
        return false;
    const ggml_tensor* w = t->src[0];
    const std::string name = w->name;
    return ggml_is_quantized(w->type) && name.size() > 7 && name.compare(name.size() - 7, 7, ".weight") == 0;
}

// The position of the i-th of m token rows: all of the batch, or only its last token (llama.cpp
// keeps only the tokens it outputs before the last layer's feed-forward and the output matrix).
int positionOf(const DumpState& s, int i, int m)
{
    if (m == s.batchTokens)
        return s.firstPosition + i;
    if (m == 1)
        return s.firstPosition + s.batchTokens - 1;
    return -1;
}

void writeRow(DumpState& s, const ggml_tensor* w, long expert, int position, const ggml_tensor* x, int64_t i1,
              int64_t i2)
{
    std::fprintf(s.out, "%s %ld %d %s", w->name, expert, position, ggml_type_name(w->type));
    const char* row = static_cast<const char*>(x->data) + i1 * x->nb[1] + i2 * x->nb[2];
    for (int64_t i0 = 0; i0 < x->ne[0]; ++i0)
        std::fprintf(s.out, " %.9g",
                     static_cast<double>(*reinterpret_cast<const float*>(row + i0 * x->nb[0])));
    std::fputc('\n', s.out);
}

bool observe(ggml_tensor* t, bool ask, void* userData)
{
    auto& s = *static_cast<DumpState*>(userData);
    if (ask)
        return isQuantisedWeightProduct(t);
    const ggml_tensor* w = t->src[0];
    const ggml_tensor* x = t->src[1];
    if (x->type != GGML_TYPE_F32 || !x->buffer || !ggml_backend_buffer_is_host(x->buffer)) {
        std::fprintf(stderr, "dump_quantised_inputs: %s: input is not F32 in host memory\n", t->name);
        s.failed = true;
        return false;
    }
    if (t->op == GGML_OP_MUL_MAT) {
        if (x->ne[2] != 1 || x->ne[3] != 1) {
            std::fprintf(stderr, "dump_quantised_inputs: %s: 3-d input not handled\n", t->name);
            s.failed = true;
            return false;
        }
        for (int64_t i = 0; i < x->ne[1]; ++i)
            writeRow(s, w, -1, positionOf(s, static_cast<int>(i), static_cast<int>(x->ne[1])), x, i, 0);
        return true;
    }
    // MUL_MAT_ID: x is (cols, 1 or slots, tokens); ids (slots, tokens) names each slot's expert.
    const ggml_tensor* ids = t->src[2];
    for (int64_t token = 0; token < x->ne[2]; ++token) {
        const int position = positionOf(s, static_cast<int>(token), static_cast<int>(x->ne[2]));
        for (int64_t slot = 0; slot < ids->ne[0]; ++slot) {
            const auto expert = *reinterpret_cast<const int32_t*>(static_cast<const char*>(ids->data) +
                                                                  token * ids->nb[1] + slot * ids->nb[0]);
            writeRow(s, w, expert, position, x, slot % x->ne[1], token);
        }
    }
    return true;
}

bool decode(llama_context* ctx, DumpState& s, std::vector<llama_token>& tokens, int position)
{
    s.firstPosition = position;
    s.batchTokens = static_cast<int>(tokens.size());
    return llama_decode(ctx, llama_batch_get_one(tokens.data(), static_cast<int32_t>(tokens.size()))) == 0 &&
           !s.failed;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 6) {
        std::fprintf(stderr, "usage: %s MODEL.gguf PROMPT_FILE N_GENERATE THREADS OUT.txt\n", argv[0]);
        return 2;
    }
    std::ifstream promptFile(argv[2], std::ios::binary);
    std::stringstream promptText;
    promptText << promptFile.rdbuf();
    const std::string prompt = promptText.str();
    const int generate = std::atoi(argv[3]);
    const int threads = std::atoi(argv[4]);

    DumpState state;
    state.out = std::fopen(argv[5], "w");
    if (!state.out) {
        std::fprintf(stderr, "cannot write %s\n", argv[5]);
        return 1;
    }
    llama_backend_init();
    llama_model_params modelParams = llama_model_default_params();
    llama_model* model = llama_model_load_from_file(argv[1], modelParams);
    if (!model)
        return 1;
    llama_context_params contextParams = llama_context_default_params();
    contextParams.n_ctx = 512; // as compare_with_llamacpp.sh runs llama-cli: -c 512 -b 512 -ctk f32 -ctv f32
    contextParams.n_batch = 512;
    contextParams.n_ubatch = 512;
    contextParams.n_threads = threads;
    contextParams.n_threads_batch = threads;
    contextParams.type_k = GGML_TYPE_F32;
    contextParams.type_v = GGML_TYPE_F32;
    contextParams.cb_eval = observe;
    contextParams.cb_eval_user_data = &state;
    llama_context* ctx = llama_init_from_model(model, contextParams);
    if (!ctx)
        return 1;
    const llama_vocab* vocab = llama_model_get_vocab(model);

    std::vector<llama_token> tokens(prompt.size() + 16);
    const int n = llama_tokenize(vocab, prompt.data(), static_cast<int32_t>(prompt.size()), tokens.data(),
                                 static_cast<int32_t>(tokens.size()), true, true);
    if (n < 0)
        return 1;
    tokens.resize(static_cast<size_t>(n));
    for (llama_token token : tokens)
        std::printf("prompt %d\n", token);
    if (!decode(ctx, state, tokens, 0))
        return 1;
    int position = n;
    const int vocabSize = llama_vocab_n_tokens(vocab);
    for (int i = 0; i < generate; ++i) {
        const float* logits = llama_get_logits_ith(ctx, -1);
        llama_token best = 0;
        for (llama_token v = 1; v < vocabSize; ++v)
            if (logits[v] > logits[best])
                best = v;
        std::printf("generated %d\n", best);
        std::vector<llama_token> next{best};
        if (!decode(ctx, state, next, position++))
            return 1;
    }
    std::fclose(state.out);
    llama_free(ctx);
    llama_model_free(model);
    llama_backend_free();
    return 0;
}
