#!/bin/sh
# Renders tiny-experts.svg into the hicolor PNG sizes that CMake installs. Run after changing the
# SVG and commit the PNGs (rsvg-convert is in Debian's librsvg2-bin; the build does not need it).
set -eu
cd "$(dirname "$0")"
for size in 16 22 24 32 48 64 128 256 512; do
    mkdir -p "hicolor/${size}x${size}/apps"
    rsvg-convert --width "$size" --height "$size" tiny-experts.svg \
        --output "hicolor/${size}x${size}/apps/tiny-experts.png"
done
