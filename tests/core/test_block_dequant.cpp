// The quantised block decoders against values computed here element by element from the layouts
// in shared/reference/moe-architectures.md section 14: for every element index, which bits hold its
// quant and which scale (and min) it takes, written as formulas of the index rather than as the
// decoders' loops over chunks. Blocks are random bytes with finite f16 scales.
#include "block_dequant.h"
#include "moe/tensor_types.h"

#include <QTest>

#include <cstring>
#include <random>
#include <vector>

namespace {

using moe::quant::BlockType;

constexpr int8_t kTable[16] = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};

float half(const uint8_t* p)
{
    return moe::halfToFloat(static_cast<uint16_t>(p[0] | (p[1] << 8)));
}

void putHalf(uint8_t* p, float value)
{
    const uint16_t h = moe::floatToHalf(value);
    p[0] = static_cast<uint8_t>(h & 0xFF);
    p[1] = static_cast<uint8_t>(h >> 8);
}

// Element i of a 32-element split-half nibble block: byte i % 16, low nibble for i < 16.
int nibble(const uint8_t* qs, int i)
{
    return i < 16 ? qs[i] & 15 : qs[i - 16] >> 4;
}

// The value of element i of one block, from the layout.
float expected(BlockType type, const uint8_t* b, int i)
{
    switch (type) {
    case BlockType::Q4_0:
        return static_cast<float>(nibble(b + 2, i) - 8) * half(b);
    case BlockType::Q4_1:
        return static_cast<float>(nibble(b + 4, i)) * half(b) + half(b + 2);
    case BlockType::Q5_0:
    case BlockType::Q5_1: {
        const bool hasMin = type == BlockType::Q5_1;
        const uint8_t* qh = b + (hasMin ? 4 : 2);
        const uint32_t bits =
            static_cast<uint32_t>(qh[0] | (qh[1] << 8) | (qh[2] << 16)) | (uint32_t{qh[3]} << 24);
        const int q = nibble(qh + 4, i) | static_cast<int>(((bits >> i) & 1) << 4);
        return hasMin ? static_cast<float>(q) * half(b) + half(b + 2) : static_cast<float>(q - 16) * half(b);
    }
    case BlockType::IQ4_NL:
        return half(b) * static_cast<float>(kTable[nibble(b + 2, i)]);
    case BlockType::Q2_K:
    case BlockType::Q3_K: {
        // Halves of 128; in half n, step j (bit shift 2j) covers 32 elements in two sub-blocks of 16.
        const int n = i / 128, j = (i % 128) / 32, part = (i % 32) / 16, l = i % 16;
        const int sub = 8 * n + 2 * j + part;
        const uint8_t* qs = b + (type == BlockType::Q2_K ? 16 : 32);
        const int low = (qs[32 * n + 16 * part + l] >> (2 * j)) & 3;
        if (type == BlockType::Q2_K) {
            const float d = half(b + 80), dmin = half(b + 82);
            return d * static_cast<float>(b[sub] & 15) * static_cast<float>(low) -
                   dmin * static_cast<float>(b[sub] >> 4);
        }
        const int high = (b[16 * part + l] >> (4 * n + j)) & 1; // hmask
        // The 12 scale bytes as llama.cpp unpacks them: four little-endian words and two masks.
        uint32_t aux[4] = {};
        std::memcpy(aux, b + 96, 12);
        const uint32_t tmp = aux[2];
        aux[2] = ((aux[0] >> 4) & 0x0f0f0f0f) | (((tmp >> 4) & 0x03030303) << 4);
        aux[3] = ((aux[1] >> 4) & 0x0f0f0f0f) | (((tmp >> 6) & 0x03030303) << 4);
        aux[0] = (aux[0] & 0x0f0f0f0f) | (((tmp >> 0) & 0x03030303) << 4);
        aux[1] = (aux[1] & 0x0f0f0f0f) | (((tmp >> 2) & 0x03030303) << 4);
        int8_t scales[16];
        std::memcpy(scales, aux, 16);
        return half(b + 108) * static_cast<float>(scales[sub] - 32) *
               static_cast<float>(low - (high ? 0 : 4));
    }
    case BlockType::Q4_K:
    case BlockType::Q5_K: {
        // Bytes 0-3: scales 0-3 and the top bits of scales 4-7; bytes 4-7: mins 0-3 and the top bits
        // of mins 4-7; bytes 8-11: low nibble the low bits of scale 4-7, high nibble of min 4-7.
        const uint8_t* s = b + 4;
        int scale[8], min[8];
        for (int k = 0; k < 4; ++k) {
            scale[k] = s[k] & 63;
            min[k] = s[4 + k] & 63;
            scale[4 + k] = (s[8 + k] & 15) | ((s[k] >> 6) << 4);
            min[4 + k] = (s[8 + k] >> 4) | ((s[4 + k] >> 6) << 4);
        }
        const int chunk = i / 64, upper = (i % 64) / 32, l = i % 32, sub = 2 * chunk + upper;
        const bool five = type == BlockType::Q5_K;
        const uint8_t* qs = b + (five ? 48 : 16);
        int q = upper ? qs[32 * chunk + l] >> 4 : qs[32 * chunk + l] & 15;
        if (five && ((b[16 + l] >> sub) & 1))
            q += 16;
        return half(b) * static_cast<float>(scale[sub]) * static_cast<float>(q) -
               half(b + 2) * static_cast<float>(min[sub]);
    }
    case BlockType::Q6_K: {
        const int h = i / 128, quarter = (i % 128) / 32, l = i % 32;
        const uint8_t* ql = b + 64 * h;
        const uint8_t byte = ql[l + (quarter % 2) * 32];
        const int low = quarter < 2 ? byte & 15 : byte >> 4;
        const int high = (b[128 + 32 * h + l] >> (2 * quarter)) & 3;
        const auto scale = static_cast<int8_t>(b[192 + 8 * h + l / 16 + 2 * quarter]);
        return half(b + 208) * static_cast<float>(scale) * static_cast<float>((low | (high << 4)) - 32);
    }
    case BlockType::IQ4_XS: {
        const int ib = i / 32, within = i % 32;
        const int scalesH = b[2] | (b[3] << 8);
        const int ls = ((b[4 + ib / 2] >> (4 * (ib % 2))) & 15) | (((scalesH >> (2 * ib)) & 3) << 4);
        return half(b) * static_cast<float>(ls - 32) *
               static_cast<float>(kTable[nibble(b + 8 + 16 * ib, within)]);
    }
    }
    return 0;
}

// Random bytes, with the f16 scale fields set to finite values.
std::vector<uint8_t> randomBlocks(BlockType type, int blocks, std::mt19937& rng)
{
    const auto layout = *moe::quant::blockLayout(static_cast<uint32_t>(type));
    std::vector<uint8_t> bytes(static_cast<size_t>(blocks * layout.bytes));
    for (uint8_t& byte : bytes)
        byte = static_cast<uint8_t>(rng());
    std::uniform_real_distribution<float> scale(-0.05f, 0.05f);
    std::vector<int> halves;
    switch (type) {
    case BlockType::Q4_0:
    case BlockType::Q5_0:
    case BlockType::IQ4_NL:
    case BlockType::IQ4_XS:
        halves = {0};
        break;
    case BlockType::Q4_1:
    case BlockType::Q5_1:
    case BlockType::Q4_K:
    case BlockType::Q5_K:
        halves = {0, 2};
        break;
    case BlockType::Q2_K:
        halves = {80, 82};
        break;
    case BlockType::Q3_K:
        halves = {108};
        break;
    case BlockType::Q6_K:
        halves = {208};
        break;
    }
    for (int k = 0; k < blocks; ++k)
        for (int offset : halves)
            putHalf(bytes.data() + k * layout.bytes + offset, scale(rng));
    return bytes;
}

} // namespace

class TestBlockDequant : public QObject {
    Q_OBJECT
private slots:
    void everyElementFollowsTheLayout_data()
    {
        QTest::addColumn<int>("type");
        for (const auto& [name, type] :
             std::initializer_list<std::pair<const char*, BlockType>>{{"Q4_0", BlockType::Q4_0},
                                                                      {"Q4_1", BlockType::Q4_1},
                                                                      {"Q5_0", BlockType::Q5_0},
                                                                      {"Q5_1", BlockType::Q5_1},
                                                                      {"Q2_K", BlockType::Q2_K},
                                                                      {"Q3_K", BlockType::Q3_K},
                                                                      {"Q4_K", BlockType::Q4_K},
                                                                      {"Q5_K", BlockType::Q5_K},
                                                                      {"Q6_K", BlockType::Q6_K},
                                                                      {"IQ4_NL", BlockType::IQ4_NL},
                                                                      {"IQ4_XS", BlockType::IQ4_XS}})
            QTest::newRow(name) << static_cast<int>(type);
    }

    void everyElementFollowsTheLayout()
    {
        QFETCH(int, type);
        const auto blockType = static_cast<BlockType>(type);
        const auto layout = *moe::quant::blockLayout(static_cast<uint32_t>(type));
        std::mt19937 rng(static_cast<uint32_t>(type) * 7919u);
        constexpr int kBlocks = 40;
        const std::vector<uint8_t> bytes = randomBlocks(blockType, kBlocks, rng);
        std::vector<float> out(static_cast<size_t>(kBlocks * layout.elements));
        QVERIFY(moe::quant::dequantize(static_cast<uint32_t>(type),
                                       reinterpret_cast<const std::byte*>(bytes.data()), out));
        for (int k = 0; k < kBlocks; ++k) {
            for (int i = 0; i < layout.elements; ++i) {
                const float want = expected(blockType, bytes.data() + k * layout.bytes, i);
                const float got = out[static_cast<size_t>(k * layout.elements + i)];
                if (std::memcmp(&want, &got, sizeof got) != 0)
                    QFAIL(qPrintable(
                        QString("block %1 element %2: %3, expected %4").arg(k).arg(i).arg(got).arg(want)));
            }
        }
    }

    void aKnownQ4_0Block()
    {
        uint8_t block[18] = {};
        putHalf(block, 0.5f);
        block[2] = 0x9F;  // element 0: 15 - 8 = 7; element 16: 9 - 8 = 1
        block[17] = 0x08; // element 15: 8 - 8 = 0; element 31: 0 - 8 = -8
        float out[32];
        QVERIFY(moe::quant::dequantize(2, reinterpret_cast<const std::byte*>(block), out));
        QCOMPARE(out[0], 3.5f);
        QCOMPARE(out[16], 0.5f);
        QCOMPARE(out[15], 0.0f);
        QCOMPARE(out[31], -4.0f);
        QCOMPARE(out[1], -4.0f); // a zero byte: both nibbles 0
    }

    void unknownTypesAndPartialBlocksAreRefused()
    {
        uint8_t block[256] = {};
        std::vector<float> out(32, 42.0f);
        QVERIFY(!moe::quant::dequantize(8, reinterpret_cast<const std::byte*>(block), out)); // Q8_0: not here
        QVERIFY(!moe::quant::dequantize(99, reinterpret_cast<const std::byte*>(block), out));
        QVERIFY(!moe::quant::blockLayout(99));
        QVERIFY(!moe::quant::dequantize(12, reinterpret_cast<const std::byte*>(block), out)); // 32 of 256
        QCOMPARE(out[0], 42.0f); // nothing written
        QCOMPARE(moe::quant::blockLayout(14)->bytes, 210);
        QCOMPARE(moe::quant::blockLayout(23)->bytes, 136);
    }
};

QTEST_GUILESS_MAIN(TestBlockDequant)
#include "test_block_dequant.moc"
