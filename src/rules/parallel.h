// A parallel loop for compiling rule sets (internal to rules/): each pattern's RE2 and leads are
// independent of the others', and compiling them is most of the time it takes to load the rules.
#ifndef TRUSTSCREEN_RULES_PARALLEL_H_
#define TRUSTSCREEN_RULES_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace trustscreen::rules::internal {

// Calls fn(i) once for every i in [0, count), on up to 8 threads (the calling thread among them;
// one thread for small counts). fn must be safe to call concurrently for different i; it must not
// throw.
void ParallelFor(std::size_t count, const std::function<void(std::size_t)>& fn);

}  // namespace trustscreen::rules::internal

#endif  // TRUSTSCREEN_RULES_PARALLEL_H_
