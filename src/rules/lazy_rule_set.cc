// LazyRuleSet: compiles a read rule set once, on first use.

#include <utility>

#include "trustscreen/rules/rule_set.h"

namespace trustscreen::rules {

LazyRuleSet::LazyRuleSet(CompiledRuleSet compiled)
    : sha256_(compiled.sha256()),
      files_(compiled.files()),
      rule_count_(compiled.rules().size()),
      compiled_(std::move(compiled)) {
  std::call_once(once_, [] {});  // nothing left to do on first use
  ready_.store(true);
}

LazyRuleSet::LazyRuleSet(RuleSource source, int threads)
    : sha256_(source.sha256),
      files_(source.files),
      rule_count_(source.rules.size()),
      threads_(threads),
      source_(std::move(source)) {}

LazyRuleSet::~LazyRuleSet() {
  if (background_.joinable()) background_.join();
}

void LazyRuleSet::CompileInBackground() {
  if (ready() || background_.joinable()) return;
  background_ = std::thread([this] { Get(); });
}

bool LazyRuleSet::ready() const { return ready_.load(); }

const Result<CompiledRuleSet>& LazyRuleSet::Get() const {
  std::call_once(once_, [this] {
    compiled_.emplace(CompileRules(std::move(source_->rules), std::move(source_->files), threads_));
    source_.reset();
    failed_.store(!compiled_->ok());
    ready_.store(true);
  });
  return *compiled_;
}

bool LazyRuleSet::failed() const { return failed_.load(); }

}  // namespace trustscreen::rules
