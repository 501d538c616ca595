# CPack: a Debian package, tiny-experts_VERSION_ARCH.deb, of what `cmake --install` installs.
# Built from the same build folder as the tests: cd build && cpack -G DEB
set(TINY_EXPERTS_PACKAGE_MAINTAINER "Tiny Experts maintainers <maintainers@tiny-experts.example.org>"
    CACHE STRING "The Debian package's Maintainer field")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME tiny-experts)
set(CPACK_PACKAGE_VENDOR "The Tiny Experts maintainers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "watch a real Mixture-of-Experts language model think")
# The Debian description: lines under 80 characters, as Debian's policy (and lintian) wants.
set(CPACK_PACKAGE_DESCRIPTION [[
Big language models such as Mixtral, DeepSeek V3 and Llama 4 hold many small
expert networks in every layer, and for each token a router wakes only a few
of them. Tiny Experts runs a real small Mixture-of-Experts model, built in and
trained by the project, and shows token by token and layer by layer which
experts wake up, and whether a math prompt and a poem wake different ones. It
has lessons and a quiz for three age groups, a classroom mode for a projector,
and speaks English and German.

tiny-experts-cli inspects, runs, benchmarks, trains and evaluates models of the
same kind in the GGUF format that llama.cpp uses.]])
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # tiny-experts_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${TINY_EXPERTS_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# dpkg-shlibdeps (from dpkg-dev) finds the libraries the programs link. Qt loads its platform
# plugins (xcb, wayland) at run time, so no library names them: qt6-qpa-plugins is added by hand.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The reviewed fortune files (resources/corpus/categories.txt names their packages) are the text
# the app's Playground trains on at run time, and `tiny-experts-cli train` and `eval` too.
if(TINY_EXPERTS_BUILD_GUI)
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, fortunes, fortunes-min")
    # Qt's own German strings (standard dialogs and buttons).
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n")
else()
    set(CPACK_DEBIAN_PACKAGE_SUGGESTS "fortunes, fortunes-min")
endif()
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
