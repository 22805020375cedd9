// Stage-by-stage benchmarks of the extractor, so a regression shows where it
// happened. Every benchmark reports bytes processed, i.e. MB/s of article text.
//
//   bench/claims_bench [--corpus=FILE.jsonl] [--corpus_mb=1] [benchmark flags]
//
// The corpus is a JSONL file of articles (default: ../shared/corpus/
// kremlin_en.jsonl beside the source tree when it exists, otherwise the
// articles in testdata/articles/); only its first --corpus_mb megabytes of
// documents are used, so that a run takes seconds, not minutes.
//
//   stage            what one iteration does
//   SentenceSplit    splits every document into sentences
//   CandidateScan    masks quotations and runs the ATTRIBUTION RE2::Set over
//                    every sentence
//   CandidateScanFirstPass  the same once, with the set just compiled
//   Attribution/B    finds the attributions of every sentence, those of B
//                    documents at a time (AttributionFinder::FindAll)
//   AttributionRule/ID  one ATTRIBUTION rule, first match only, over the
//                    sentences the candidate scan picks it for
//   Figures          extracts the figures of every document
//   Hedges           finds the hedges of every sentence
//   Serialization    writes every extracted Document as JSONL (to a stream
//                    that discards it)
//   Extract          the whole extractor on every document (the core figure)
//   ExtractBatched/B the same through ExtractAll, B documents at a time, as
//                    `claims extract` runs it
//   LoadRules/T      loads the built-in rule packs with T compile threads
//   ExtractFirstPass the whole extractor once over the corpus with rules just
//                    loaded: Extract plus the one-time costs of a process
//   ExtractScaled/N  one document made of N copies of a 64 KB slice: cost must
//                    grow linearly in N
//   Adversarial*/N   N × 64 KB of text with no sentence end, or made of quote
//                    marks only
//
// All but LoadRules and the FirstPass benchmarks measure warm: they run one
// untimed pass over their input first.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <ostream>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include "absl/strings/strip.h"
#include "absl/strings/numbers.h"
#include "benchmark/benchmark.h"
#include "claims/attribution.h"
#include "claims/document_io.h"
#include "claims/extractor.h"
#include "claims/figures.h"
#include "claims/hedges.h"
#include "claims/output.h"
#include "claims/quotations.h"
#include "claims/rule_set.h"
#include "claims/sentences.h"

// Where testdata/ and ../shared are looked for; CMake sets the source tree.
#ifndef CLAIMS_SOURCE_DIR
#define CLAIMS_SOURCE_DIR "."
#endif

namespace claims {
namespace {

constexpr size_t kScaleSliceBytes = 64 << 10;

// The untimed warm-up of the stage benchmarks: one pass, as any takes
// longer. The first pass compiles the parts of patterns built at their first
// use and the DFA states later passes reuse; BM_ExtractFirstPass times it.
constexpr double kWarmUpSeconds = 0.01;

constexpr char kFallbackText[] =
    "The finance minister said on Tuesday that inflation would fall to 3.5% "
    "by the end of the year. \xE2\x80\x9CWe are confident the worst is "
    "behind us,\xE2\x80\x9D she told reporters in Brussels.\n\n"
    "A senior official, who spoke on condition of anonymity, said the plan "
    "might cost as much as $2 billion. According to the ministry, 1,200 "
    "jobs could be affected.\n";

struct Corpus {
  std::vector<std::string> texts;
  std::vector<std::string> dates;
  size_t bytes = 0;
};

struct Options {
  std::string corpus_path;
  double corpus_mb = 1;
};

Options& BenchOptions() {
  static Options options;
  return options;
}

const RuleSet& Rules() {
  static const RuleSet* const rules = [] {
    absl::StatusOr<std::unique_ptr<RuleSet>> loaded =
        RuleSet::Load(DefaultRulePacks(), {});
    if (!loaded.ok()) {
      std::cerr << "claims_bench: " << loaded.status().message() << "\n";
      std::exit(2);
    }
    return loaded->release();
  }();
  return *rules;
}

void AddText(std::string text, std::string date, Corpus* corpus) {
  corpus->bytes += text.size();
  corpus->texts.push_back(std::move(text));
  corpus->dates.push_back(std::move(date));
}

Corpus LoadCorpus() {
  Corpus corpus;
  const Options& options = BenchOptions();
  const size_t limit = static_cast<size_t>(options.corpus_mb * 1e6);
  std::ifstream in(options.corpus_path);
  std::string line;
  while (corpus.bytes < limit && std::getline(in, line)) {
    absl::StatusOr<InputDocument> input = ParseJsonlDocument(line);
    if (!input.ok()) continue;
    AddText(std::move(input->text), input->document.date(), &corpus);
  }
  if (corpus.texts.empty()) {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(
             CLAIMS_SOURCE_DIR "/testdata/articles", error)) {
      std::ifstream file(entry.path());
      std::stringstream text;
      text << file.rdbuf();
      AddText(text.str(), "", &corpus);
    }
  }
  // Neither the corpus nor the fixtures are at hand (a Bazel sandbox): a
  // paragraph of our own keeps the smoke run meaningful.
  if (corpus.texts.empty()) AddText(kFallbackText, "", &corpus);
  return corpus;
}

const Corpus& TheCorpus() {
  static const Corpus* const corpus = new Corpus(LoadCorpus());
  return *corpus;
}

// Every sentence of the corpus, as (document, sentence) pairs.
struct SplitCorpus {
  std::vector<std::vector<Sentence>> sentences;
};

const SplitCorpus& TheSplitCorpus() {
  static const SplitCorpus* const split = [] {
    auto* result = new SplitCorpus;
    SentenceSplitter splitter(Rules());
    for (const std::string& text : TheCorpus().texts) {
      result->sentences.emplace_back();
      splitter.Split(text, 0, text.size(), &result->sentences.back());
    }
    return result;
  }();
  return *split;
}

void ReportBytes(benchmark::State& state, size_t bytes_per_iteration) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(bytes_per_iteration));
}

// The built-in rule packs loaded afresh, or null with `state` skipped.
std::unique_ptr<RuleSet> LoadOrSkip(benchmark::State& state,
                                    const RuleSetOptions& options = {}) {
  absl::StatusOr<std::unique_ptr<RuleSet>> rules =
      RuleSet::Load(DefaultRulePacks(), {}, options);
  if (rules.ok()) return *std::move(rules);
  state.SkipWithError(std::string(rules.status().message()).c_str());
  return nullptr;
}

// Calls `visit(text, sentence)` for every sentence of the corpus.
template <typename Visit>
void ForEachSentence(Visit visit) {
  const Corpus& corpus = TheCorpus();
  const SplitCorpus& split = TheSplitCorpus();
  for (size_t d = 0; d < corpus.texts.size(); ++d) {
    for (const Sentence& sentence : split.sentences[d]) {
      visit(corpus.texts[d], sentence);
    }
  }
}

void BM_SentenceSplit(benchmark::State& state) {
  const Corpus& corpus = TheCorpus();
  SentenceSplitter splitter(Rules());
  std::vector<Sentence> sentences;
  for (auto _ : state) {
    for (const std::string& text : corpus.texts) {
      sentences.clear();
      splitter.Split(text, 0, text.size(), &sentences);
      benchmark::DoNotOptimize(sentences.data());
    }
  }
  ReportBytes(state, corpus.bytes);
}
BENCHMARK(BM_SentenceSplit)->MinWarmUpTime(kWarmUpSeconds);

// Masks the quotations of every sentence and runs `index` over it.
void ScanCandidates(const RuleIndex& index) {
  std::vector<Quotation> quotations;
  std::string masked;
  std::vector<int> candidates;
  ForEachSentence([&](absl::string_view text, const Sentence& sentence) {
    quotations.clear();
    FindQuotations(text, sentence.begin, sentence.end, &quotations);
    MaskQuotations(text, sentence.begin, sentence.end, quotations, &masked);
    index.Candidates(masked, &candidates);
    benchmark::DoNotOptimize(candidates.data());
  });
}

void BM_CandidateScan(benchmark::State& state) {
  const RuleIndex& index = Rules().index(ATTRIBUTION);
  for (auto _ : state) ScanCandidates(index);
  ReportBytes(state, TheCorpus().bytes);
}
BENCHMARK(BM_CandidateScan)->MinWarmUpTime(kWarmUpSeconds);

// BM_CandidateScan with the set just compiled (the loading not timed). The
// set's DFA builds each state at its first use, and a state that follows every
// ATTRIBUTION trigger at once takes microseconds to build: over the whole
// Kremlin corpus this first pass took 2.8 times as long as a warm one.
void BM_CandidateScanFirstPass(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    std::unique_ptr<RuleSet> rules = LoadOrSkip(state);
    if (rules == nullptr) break;
    state.ResumeTiming();
    ScanCandidates(rules->index(ATTRIBUTION));
    state.PauseTiming();
    rules.reset();
    state.ResumeTiming();
  }
  ReportBytes(state, TheCorpus().bytes);
}
BENCHMARK(BM_CandidateScanFirstPass)->Unit(benchmark::kMillisecond);

// AttributionFinder::FindAll over the sentences of `state.range(0)`
// documents at a time: 1 is one document's sentences, 32 a batch of
// `claims extract`.
void BM_Attribution(benchmark::State& state) {
  const Corpus& corpus = TheCorpus();
  const SplitCorpus& split = TheSplitCorpus();
  AttributionFinder finder(Rules());
  const size_t batch = static_cast<size_t>(state.range(0));
  std::vector<std::vector<Attribution>> found;
  std::vector<AttributionFinder::Input> inputs;
  for (auto _ : state) {
    for (size_t first = 0; first < corpus.texts.size(); first += batch) {
      inputs.clear();
      found.clear();
      const size_t last = std::min(first + batch, corpus.texts.size());
      for (size_t d = first; d < last; ++d) {
        for (const Sentence& sentence : split.sentences[d]) {
          inputs.push_back({corpus.texts[d], sentence.begin, sentence.end});
        }
      }
      found.resize(inputs.size());
      for (size_t i = 0; i < inputs.size(); ++i) inputs[i].found = &found[i];
      finder.FindAll(inputs);
      benchmark::DoNotOptimize(found.data());
    }
  }
  ReportBytes(state, corpus.bytes);
}
BENCHMARK(BM_Attribution)
    ->Arg(1)
    ->Arg(32)
    ->MinWarmUpTime(kWarmUpSeconds)
    ->Unit(benchmark::kMillisecond);

// Every sentence of the corpus with its quotations masked, and the
// ATTRIBUTION candidates the scan names for it; computed once for all the
// per-rule benchmarks.
struct ScannedSentence {
  std::string masked;
  std::vector<int> candidates;
};

const std::vector<ScannedSentence>& TheScannedSentences() {
  static const std::vector<ScannedSentence>* const scanned = [] {
    auto* result = new std::vector<ScannedSentence>;
    const RuleIndex& index = Rules().index(ATTRIBUTION);
    std::vector<Quotation> quotations;
    ForEachSentence([&](absl::string_view text, const Sentence& sentence) {
      ScannedSentence& one = result->emplace_back();
      quotations.clear();
      FindQuotations(text, sentence.begin, sentence.end, &quotations);
      MaskQuotations(text, sentence.begin, sentence.end, quotations,
                     &one.masked);
      index.Candidates(one.masked, &one.candidates);
    });
    return result;
  }();
  return *scanned;
}

// One ATTRIBUTION rule over the sentences where the candidate scan picks it,
// as AttributionFinder runs it (registered per rule in main): which rule
// costs what, so a new pattern's price shows before it lands. A
// headline_only rule runs here on all of them, where the extractor runs it
// on headlines only (none in a JSONL corpus whose documents have titles).
void BM_AttributionRule(benchmark::State& state, int position) {
  const CompiledRule& rule = *Rules().index(ATTRIBUTION).rules()[position];
  std::vector<const std::string*> picked;
  for (const ScannedSentence& sentence : TheScannedSentences()) {
    if (std::binary_search(sentence.candidates.begin(),
                           sentence.candidates.end(), position)) {
      picked.push_back(&sentence.masked);
    }
  }
  RuleMatch match;
  int64_t matches = 0;
  for (auto _ : state) {
    matches = 0;
    for (const std::string* sentence : picked) {
      if (ApplyRule(rule, *sentence, &match)) ++matches;
    }
  }
  state.counters["sentences"] = static_cast<double>(picked.size());
  state.counters["matches"] = static_cast<double>(matches);
  ReportBytes(state, TheCorpus().bytes);
}

void BM_Figures(benchmark::State& state) {
  const Corpus& corpus = TheCorpus();
  FigureExtractor figures(Rules());
  std::vector<Figure> found;
  for (auto _ : state) {
    for (size_t d = 0; d < corpus.texts.size(); ++d) {
      found.clear();
      const std::string& text = corpus.texts[d];
      figures.Extract(text, 0, text.size(), corpus.dates[d], &found);
      benchmark::DoNotOptimize(found.data());
    }
  }
  ReportBytes(state, corpus.bytes);
}
BENCHMARK(BM_Figures)
    ->MinWarmUpTime(kWarmUpSeconds)
    ->Unit(benchmark::kMillisecond);

void BM_Hedges(benchmark::State& state) {
  HedgeFinder hedges(Rules());
  std::vector<Hedge> found;
  for (auto _ : state) {
    ForEachSentence([&](absl::string_view text, const Sentence& sentence) {
      found.clear();
      hedges.Find(text, sentence.begin, sentence.end, &found);
      benchmark::DoNotOptimize(found.data());
    });
  }
  ReportBytes(state, TheCorpus().bytes);
}
BENCHMARK(BM_Hedges)
    ->MinWarmUpTime(kWarmUpSeconds)
    ->Unit(benchmark::kMillisecond);

// A stream buffer that takes every byte and keeps none.
class DiscardingBuffer : public std::streambuf {
 protected:
  int_type overflow(int_type c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

void BM_Serialization(benchmark::State& state) {
  const Corpus& corpus = TheCorpus();
  Extractor extractor(Rules());
  std::vector<Document> documents(corpus.texts.size());
  for (size_t d = 0; d < corpus.texts.size(); ++d) {
    documents[d].set_date(corpus.dates[d]);
    extractor.Extract(corpus.texts[d], &documents[d]);
  }
  // Output to a pipe costs little past the write; a growing string stream
  // would measure its own reallocations instead.
  DiscardingBuffer discarded;
  std::ostream out(&discarded);
  for (auto _ : state) {
    std::unique_ptr<DocumentWriter> writer =
        DocumentWriter::Create(OutputFormat::kJsonl, &out);
    for (const Document& document : documents) {
      benchmark::DoNotOptimize(writer->Write(document).ok());
    }
    benchmark::DoNotOptimize(writer->Finish().ok());
  }
  ReportBytes(state, corpus.bytes);
}
BENCHMARK(BM_Serialization)->MinWarmUpTime(kWarmUpSeconds);

// Runs `extractor` once over every document of `corpus`.
void ExtractCorpus(const Extractor& extractor, const Corpus& corpus) {
  for (size_t d = 0; d < corpus.texts.size(); ++d) {
    Document document;
    document.set_date(corpus.dates[d]);
    extractor.Extract(corpus.texts[d], &document);
    benchmark::DoNotOptimize(document.claims_size());
  }
}

void BM_Extract(benchmark::State& state) {
  const Corpus& corpus = TheCorpus();
  Extractor extractor(Rules());
  for (auto _ : state) ExtractCorpus(extractor, corpus);
  ReportBytes(state, corpus.bytes);
}
BENCHMARK(BM_Extract)
    ->MinWarmUpTime(kWarmUpSeconds)
    ->Unit(benchmark::kMillisecond);

// BM_Extract through Extractor::ExtractAll, in batches of `state.range(0)`
// documents, as `claims extract` runs it: each stage across a batch at once.
void BM_ExtractBatched(benchmark::State& state) {
  const Corpus& corpus = TheCorpus();
  Extractor extractor(Rules());
  const size_t batch = static_cast<size_t>(state.range(0));
  for (auto _ : state) {
    for (size_t first = 0; first < corpus.texts.size(); first += batch) {
      size_t count = std::min(batch, corpus.texts.size() - first);
      std::vector<Document> documents(count);
      std::vector<absl::string_view> texts;
      std::vector<Document*> outputs;
      for (size_t i = 0; i < count; ++i) {
        documents[i].set_date(corpus.dates[first + i]);
        texts.push_back(corpus.texts[first + i]);
        outputs.push_back(&documents[i]);
      }
      extractor.ExtractAll(texts, outputs);
      benchmark::DoNotOptimize(documents.back().claims_size());
    }
  }
  ReportBytes(state, corpus.bytes);
}
BENCHMARK(BM_ExtractBatched)
    ->Arg(32)
    ->Arg(128)
    ->Arg(512)
    ->MinWarmUpTime(kWarmUpSeconds)
    ->Unit(benchmark::kMillisecond);

// What every `claims` run pays before its first document: reading the
// built-in rule packs, expanding their macros, compiling every pattern and
// the candidate sets (argument: compile threads; wall time).
void BM_LoadRules(benchmark::State& state) {
  RuleSetOptions options;
  options.compile_threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    std::unique_ptr<RuleSet> rules = LoadOrSkip(state, options);
    if (rules == nullptr) break;
    state.PauseTiming();
    rules.reset();
    state.ResumeTiming();
  }
}
BENCHMARK(BM_LoadRules)
    ->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

// The extractor's first pass over the corpus with rules just loaded (the
// loading not timed): BM_Extract's work plus what a process pays once, the
// parts of patterns compiled at their first use (cue splits, the backward
// programs that find where matches start) and every DFA state built for the
// first time. Over a whole corpus a process runs mostly warm; over a few
// articles, mostly this.
void BM_ExtractFirstPass(benchmark::State& state) {
  const Corpus& corpus = TheCorpus();
  for (auto _ : state) {
    state.PauseTiming();
    std::unique_ptr<RuleSet> rules = LoadOrSkip(state);
    if (rules == nullptr) break;
    auto extractor = std::make_unique<Extractor>(*rules);
    state.ResumeTiming();
    ExtractCorpus(*extractor, corpus);
    state.PauseTiming();
    extractor.reset();
    rules.reset();
    state.ResumeTiming();
  }
  ReportBytes(state, corpus.bytes);
}
BENCHMARK(BM_ExtractFirstPass)->Unit(benchmark::kMillisecond);

// Runs the extractor on one document of `copies` × `unit`.
void ExtractRepeated(benchmark::State& state, const std::string& unit) {
  std::string text;
  for (int64_t i = 0; i < state.range(0); ++i) text += unit;
  Extractor extractor(Rules());
  for (auto _ : state) {
    Document document;
    extractor.Extract(text, &document);
    benchmark::DoNotOptimize(document.claims_size());
  }
  ReportBytes(state, text.size());
}

// The first kScaleSliceBytes of the corpus, as paragraphs of one document.
std::string CorpusSlice() {
  std::string slice;
  for (const std::string& text : TheCorpus().texts) {
    if (slice.size() >= kScaleSliceBytes) break;
    slice += text;
    slice += "\n\n";
  }
  return slice.substr(0, kScaleSliceBytes);
}

void BM_ExtractScaled(benchmark::State& state) {
  ExtractRepeated(state, CorpusSlice());
}
BENCHMARK(BM_ExtractScaled)
    ->Arg(1)->Arg(4)->Arg(16)
    ->MinWarmUpTime(kWarmUpSeconds)
    ->Unit(benchmark::kMillisecond);

// Words with commas but no sentence end: one sentence as long as the input.
void BM_AdversarialNoSentenceEnd(benchmark::State& state) {
  std::string unit;
  while (unit.size() < kScaleSliceBytes) {
    unit += "the minister said officials, who spoke on condition of anonymity, ";
  }
  ExtractRepeated(state, unit.substr(0, kScaleSliceBytes));
}
BENCHMARK(BM_AdversarialNoSentenceEnd)
    ->Arg(1)->Arg(4)->Arg(16)
    ->MinWarmUpTime(kWarmUpSeconds)
    ->Unit(benchmark::kMillisecond);

void BM_AdversarialQuoteMarks(benchmark::State& state) {
  ExtractRepeated(state, std::string(kScaleSliceBytes, '"'));
}
BENCHMARK(BM_AdversarialQuoteMarks)
    ->Arg(1)->Arg(4)->Arg(16)
    ->MinWarmUpTime(kWarmUpSeconds)
    ->Unit(benchmark::kMillisecond);

// Takes --corpus= and --corpus_mb= out of argv before Google Benchmark reads
// its own flags.
void ParseOwnFlags(int* argc, char** argv) {
  Options& options = BenchOptions();
  options.corpus_path = CLAIMS_SOURCE_DIR "/../shared/corpus/kremlin_en.jsonl";
  int kept = 1;
  for (int i = 1; i < *argc; ++i) {
    absl::string_view arg = argv[i];
    if (absl::ConsumePrefix(&arg, "--corpus=")) {
      options.corpus_path = std::string(arg);
    } else if (absl::ConsumePrefix(&arg, "--corpus_mb=")) {
      if (!absl::SimpleAtod(arg, &options.corpus_mb)) {
        std::cerr << "claims_bench: --corpus_mb wants a number\n";
        std::exit(2);
      }
    } else {
      argv[kept++] = argv[i];
    }
  }
  *argc = kept;
}

}  // namespace
}  // namespace claims

int main(int argc, char** argv) {
  claims::ParseOwnFlags(&argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  const claims::Corpus& corpus = claims::TheCorpus();
  benchmark::AddCustomContext("corpus_documents",
                              std::to_string(corpus.texts.size()));
  benchmark::AddCustomContext("corpus_bytes", std::to_string(corpus.bytes));
  const claims::RuleIndex& attribution =
      claims::Rules().index(claims::ATTRIBUTION);
  for (size_t i = 0; i < attribution.rules().size(); ++i) {
    benchmark::RegisterBenchmark(
        ("BM_AttributionRule/" + attribution.rules()[i]->rule.id()).c_str(),
        claims::BM_AttributionRule, static_cast<int>(i))
        ->MinWarmUpTime(claims::kWarmUpSeconds)
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
