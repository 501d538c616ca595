// Measures how fast this machine reads main memory, for the bench's bandwidth bound.
#pragma once

namespace cli {

// Best of a few passes over a buffer far larger than the caches, read by `threads` threads. GB/s.
double measureReadBandwidthGBs(int threads);

} // namespace cli
