// What the pipeline's isolation tests share: a one-rule set and the test-only fault switch.
#ifndef TRUSTSCREEN_TESTS_PIPELINE_PIPELINE_FIXTURES_H_
#define TRUSTSCREEN_TESTS_PIPELINE_PIPELINE_FIXTURES_H_

#include <stdlib.h>

namespace trustscreen::pipeline::testing {

// One rule: "hypersonic", high.
inline constexpr char kHypersonicRules[] = R"(rules:
  - id: test-hypersonic
    title: Hypersonic flight
    family: sensitive-tech
    severity: high
    rationale: test rule
    patterns: ['hypersonic']
)";

// Turns the test-only fault switch (isolation.h) on for the workers started while it lives.
class FaultSwitch {
 public:
  FaultSwitch() { setenv("TRUSTSCREEN_TEST_FAULTS", "1", 1); }
  ~FaultSwitch() { unsetenv("TRUSTSCREEN_TEST_FAULTS"); }
  FaultSwitch(const FaultSwitch&) = delete;
  FaultSwitch& operator=(const FaultSwitch&) = delete;
};

}  // namespace trustscreen::pipeline::testing

#endif  // TRUSTSCREEN_TESTS_PIPELINE_PIPELINE_FIXTURES_H_
