// The smallest inference program: links moe::moe alone (no Qt, no OpenBLAS, no trainer), loads a
// model, and prints a greedy continuation. The test core.inference_only runs it; the test
// core.inference_only_links checks that the executable needs no OpenBLAS and no Qt library.
#include "moe/generation.h"
#include "moe/kernel_variant.h"
#include "moe/model.h"

#include <cstdio>
#include <exception>

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: inference_only MODEL.gguf\n");
        return 2;
    }
    try {
        moe::Session session(moe::Model::load(argv[1]));
        moe::GenerationRequest request;
        request.prompt = "The moon";
        request.maxTokens = 8;
        request.stopAtEndOfText = false;
        int generated = 0;
        moe::generate(session, request, [&generated](const moe::GeneratedToken& token) {
            generated += token.prompt ? 0 : 1;
            std::fwrite(token.bytes.data(), 1, token.bytes.size(), stdout);
            return true;
        });
        std::printf("\n%d tokens generated with the %s kernels\n", generated,
                    std::string(moe::kernelVariant()).c_str());
        return generated == request.maxTokens ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
