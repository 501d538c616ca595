// The function table of one kernel variant. Compiled once per variant (see CMakeLists.txt), with
// MOE_KERNELS_VARIANT naming the variant's namespace and MOE_KERNELS_LEVEL its SimdLevel.
#include "kernel_variants.h"
#include "kernels_simd.h"

#define MOE_KERNELS_STRING(x) #x
#define MOE_KERNELS_NAME_OF(x) MOE_KERNELS_STRING(x)

namespace moe::kernels::MOE_KERNELS_VARIANT {

const KernelTable& table()
{
    static constexpr KernelTable kTable{MOE_KERNELS_NAME_OF(MOE_KERNELS_VARIANT),
                                        SimdLevel::MOE_KERNELS_LEVEL,
                                        matVecFloat,
                                        matMatFloat,
                                        quantizeQ8,
                                        matVecQ8,
                                        matMatQ8,
                                        quantizeAct,
                                        matVecQuant,
                                        matMatQuant,
                                        decodeRowFast,
                                        attendGroup};
    return kTable;
}

} // namespace moe::kernels::MOE_KERNELS_VARIANT
