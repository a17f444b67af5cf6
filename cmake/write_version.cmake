# Writes version.h with the commit being built; run by the trustscreen_version target at every
# build (not only when CMake configures), so that the build id in reports and in the cache's
# results key names the code that was compiled. configure_file leaves an unchanged file alone, so
# nothing is recompiled unless the commit changed.
# Inputs: SOURCE_DIR, INPUT (version.h.in), OUTPUT, PROJECT_VERSION.
execute_process(
  COMMAND git rev-parse --short=12 HEAD
  WORKING_DIRECTORY ${SOURCE_DIR}
  OUTPUT_VARIABLE TRUSTSCREEN_GIT_COMMIT
  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT TRUSTSCREEN_GIT_COMMIT)
  set(TRUSTSCREEN_GIT_COMMIT "unknown")
else()
  # Uncommitted changes to tracked files: the commit alone does not name the code.
  execute_process(
    COMMAND git diff-index --quiet HEAD --
    WORKING_DIRECTORY ${SOURCE_DIR}
    RESULT_VARIABLE dirty
    OUTPUT_QUIET ERROR_QUIET)
  if(NOT dirty EQUAL 0)
    string(APPEND TRUSTSCREEN_GIT_COMMIT "-dirty")
  endif()
endif()
configure_file(${INPUT} ${OUTPUT} @ONLY)
