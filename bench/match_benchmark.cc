// Google Benchmark micro-benchmarks of the rule engine: rule-set compile time, and matching
// throughput per document against text normalization alone (the baseline in the same run).
//
// Inputs: the shipped rules/ and the CUAD reference texts of the shared corpus (55 commercial
// contracts, 4.6 MB). Each document is matched on its own, as the pipeline does. Override with
// TRUSTSCREEN_BENCH_RULES (a rules directory) and TRUSTSCREEN_BENCH_TEXTS (a directory of .txt).
//
//   build/bench/match_benchmark [--benchmark_filter=...] [--benchmark_repetitions=3]
//
// Rule sets (the benchmark argument): 0 the pattern rules alone, 1 the shipped rules, 2 the
// shipped rules with every pattern and entity name in the RE2::Set (the lead and word indexes
// off: how it was before them), 3 the shipped rules with the patterns in the RE2::Set (the lead
// index off: how it was before it).
// Counters: bytes_per_second is of original text; findings per pass; patterns and how many of
// them are in the RE2::Set; rss_mib is the resident set after the rules are compiled (the whole
// process: every rule set loaded so far, the texts, the benchmark library).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "compiled_rules_internal.h"
#include "trustscreen/match/matcher.h"
#include "trustscreen/rules/rule_set.h"
#include "trustscreen/text/normalize.h"

namespace {

namespace fs = std::filesystem;
using trustscreen::rules::CompiledRuleSet;

fs::path EnvPath(const char* name, const fs::path& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? fs::path(value) : fallback;
}

fs::path RulesDir() { return EnvPath("TRUSTSCREEN_BENCH_RULES", TRUSTSCREEN_SOURCE_DIR "/rules"); }

const std::vector<std::string>& Texts() {
  static const std::vector<std::string> texts = [] {
    const fs::path dir =
        EnvPath("TRUSTSCREEN_BENCH_TEXTS", TRUSTSCREEN_CORPUS_DIR "/contracts/cuad/txt");
    std::vector<fs::path> paths;
    std::error_code error;
    for (const auto& entry : fs::recursive_directory_iterator(dir, error)) {
      if (entry.is_regular_file() && entry.path().extension() == ".txt") {
        paths.push_back(entry.path());
      }
    }
    std::sort(paths.begin(), paths.end());
    std::vector<std::string> result;
    for (const fs::path& path : paths) {
      std::ifstream in(path, std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      result.push_back(bytes.str());
    }
    return result;
  }();
  return texts;
}

std::int64_t TotalBytes() {
  std::int64_t total = 0;
  for (const std::string& text : Texts()) total += static_cast<std::int64_t>(text.size());
  return total;
}

double ResidentMiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}

// The rule sets measured, by benchmark argument.
enum RuleSetKind : int {
  kPatternRules = 0,    // sensitive-tech and export-control: no entity lists
  kShipped = 1,         // everything in rules/, names in the word index
  kShippedInSet = 2,    // everything in the RE2::Set (both indexes switched off)
  kShippedNoLeads = 3,  // everything, names in the word index, patterns in the RE2::Set
};

const char* Label(int kind) {
  switch (kind) {
    case kPatternRules:
      return "without entity lists";
    case kShipped:
      return "shipped rules";
    case kShippedNoLeads:
      return "shipped rules, lead index off";
    default:
      return "shipped rules, all in the RE2::Set";
  }
}

std::vector<fs::path> RulePaths(bool with_partners) {
  const fs::path dir = RulesDir();
  if (with_partners) return {dir};
  std::vector<fs::path> paths;
  for (const char* family : {"sensitive-tech", "export-control"}) {
    if (fs::exists(dir / family)) paths.push_back(dir / family);
  }
  return paths;
}

trustscreen::Result<CompiledRuleSet> Load(int kind) {
  trustscreen::rules::CompileOptions options;
  if (kind == kShippedNoLeads) options.index_leads = false;
  if (kind == kShippedInSet) {
    options.index_names = false;
    options.index_leads = false;
    options.set_max_mem = std::int64_t{512} << 20;  // what the set needed before the index
  }
  return trustscreen::rules::internal::LoadRulesWithOptions(RulePaths(kind != kPatternRules),
                                                            options);
}

const CompiledRuleSet* Rules(int kind) {
  static std::map<int, CompiledRuleSet> cache;
  auto found = cache.find(kind);
  if (found == cache.end()) {
    auto loaded = Load(kind);
    if (!loaded.ok()) return nullptr;
    found = cache.emplace(kind, std::move(*loaded)).first;
  }
  return &found->second;
}

void BM_CompileRules(benchmark::State& state) {
  const int kind = static_cast<int>(state.range(0));
  for (auto _ : state) {
    auto loaded = Load(kind);
    if (!loaded.ok()) {
      state.SkipWithError(loaded.status().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(loaded->rules().size());
  }
  state.SetLabel(Label(kind));
}
BENCHMARK(BM_CompileRules)->DenseRange(0, 3)->Unit(benchmark::kMillisecond)->Iterations(3);

// Baseline: the normalization every MatchText starts with.
void BM_Normalize(benchmark::State& state) {
  if (Texts().empty()) {
    state.SkipWithError("no texts (set TRUSTSCREEN_BENCH_TEXTS)");
    return;
  }
  for (auto _ : state) {
    for (const std::string& text : Texts()) {
      benchmark::DoNotOptimize(trustscreen::text::Normalize(text).text().size());
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_Normalize)->Unit(benchmark::kMillisecond);

void BM_MatchDocuments(benchmark::State& state) {
  const int kind = static_cast<int>(state.range(0));
  const CompiledRuleSet* rules = Rules(kind);
  if (rules == nullptr || Texts().empty()) {
    state.SkipWithError("rules failed to load or no texts");
    return;
  }
  std::size_t findings = 0;
  for (auto _ : state) {
    findings = 0;
    for (const std::string& text : Texts()) {
      auto found = trustscreen::match::MatchText(*rules, text);
      if (!found.ok()) {
        state.SkipWithError(found.status().message().c_str());
        return;
      }
      findings += found->size();
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["documents"] = static_cast<double>(Texts().size());
  state.counters["rss_mib"] = ResidentMiB();
  state.counters["patterns"] = static_cast<double>(rules->impl().patterns.size());
  state.counters["in_set"] = static_cast<double>(rules->impl().prefilter.pattern_ids.size());
  state.SetLabel(Label(kind));
}
BENCHMARK(BM_MatchDocuments)
    ->DenseRange(0, 3)
    ->Unit(benchmark::kMillisecond)
    ->ThreadRange(1, 2)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
