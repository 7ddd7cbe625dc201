# Embeds a text file in a C++ source as `extern const std::string_view SYMBOL` in NAMESPACE:
#   cmake -DINPUT=page.html -DOUTPUT=page.cpp -DSYMBOL=kPage -DNAMESPACE=ns -P embed_text.cmake
# The text goes in a raw string literal; a text holding its delimiter is refused.
file(READ "${INPUT}" text)
set(delimiter "rackscale_embed")
string(FIND "${text}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} holds \")${delimiter}\"\", which ends the embedded string")
endif()
get_filename_component(name "${INPUT}" NAME)
file(WRITE "${OUTPUT}.tmp"
     "// Generated from ${name} by cmake/embed_text.cmake: do not edit.\n"
     "#include <string_view>\n"
     "namespace ${NAMESPACE} {\n"
     "extern const std::string_view ${SYMBOL};\n"
     "const std::string_view ${SYMBOL} = R\"${delimiter}(${text})${delimiter}\";\n"
     "}  // namespace ${NAMESPACE}\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
