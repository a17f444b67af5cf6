// A parallel loop for compiling rule sets (internal to rules/): each pattern's RE2 and leads are
// independent of the others', and compiling them is most of the time it takes to load the rules.
#ifndef TRUSTSCREEN_RULES_PARALLEL_H_
#define TRUSTSCREEN_RULES_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace trustscreen::rules::internal {

// Calls fn(i) once for every i in [0, count), on up to 8 threads (the calling thread among them;
// one thread for small counts), and no more than the ScopedThreadLimit in force on the calling
// thread allows. fn must be safe to call concurrently for different i; it must not throw.
void ParallelFor(std::size_t count, const std::function<void(std::size_t)>& fn);

// While it lives, ParallelFor calls on this thread (and the loops nested in them) use at most
// `threads` threads; 0: no limit beyond ParallelFor's own. `trustscreen scan --threads 1`
// compiles its rules on one thread.
class ScopedThreadLimit {
 public:
  explicit ScopedThreadLimit(int threads);
  ~ScopedThreadLimit();
  ScopedThreadLimit(const ScopedThreadLimit&) = delete;
  ScopedThreadLimit& operator=(const ScopedThreadLimit&) = delete;

 private:
  int previous_;
};

}  // namespace trustscreen::rules::internal

#endif  // TRUSTSCREEN_RULES_PARALLEL_H_
