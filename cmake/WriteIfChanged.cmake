# leadhub_write_if_changed(PATH CONTENT): writes CONTENT to PATH only when it differs from what is
# there, so a generated source whose inputs did not change keeps its timestamp and nothing that
# includes or compiles it is rebuilt. For the embedding scripts run with `cmake -P`.
function(leadhub_write_if_changed path content)
  if(EXISTS ${path})
    file(READ ${path} previous)
    if(previous STREQUAL content)
      return()
    endif()
  endif()
  file(WRITE ${path} "${content}")
endfunction()
