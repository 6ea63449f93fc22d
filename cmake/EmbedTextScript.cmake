# Script mode: turns IN into a C++ source defining NS::NAME as a string_view (hex bytes, so any content is safe).
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hex_len)
math(EXPR byte_count "${hex_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
file(WRITE "${OUT}" "// Generated from ${IN}; do not edit.\n#include <string_view>\nnamespace ${NS} {\nnamespace {\nconstexpr char kBytes[] = {${bytes} '\\0'};\n}\nextern const std::string_view ${NAME};\nconst std::string_view ${NAME}(kBytes, ${byte_count});\n}\n")
