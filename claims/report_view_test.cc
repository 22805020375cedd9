#include "claims/report_view.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace claims {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// A report with one aligned pair (FRAMING) and one omission, built by hand
// so that the views are tested apart from the diff.
DiffReport SmallReport() {
  DiffReport report;
  report.set_threshold(0.2);
  report.set_difference_count(2);
  ComparedDocument* a = report.add_documents();
  a->set_id("a.txt");
  a->set_text("Talks were constructive. Holm raised <press> freedom.");
  ComparedDocument* b = report.add_documents();
  b->set_id("b.txt");
  b->set_text("Talks were in-depth.");
  auto add_statement = [&](const char* id, uint32_t doc, uint32_t begin,
                           uint32_t end) {
    Statement* s = report.add_statements();
    s->set_id(id);
    s->set_document(doc);
    s->mutable_span()->set_begin(begin);
    s->mutable_span()->set_end(end);
    s->set_text(report.documents(doc).text().substr(begin, end - begin));
    return s;
  };
  Statement* s1 = add_statement("d0.s1", 0, 0, 24);
  Term* term = s1->add_framing();
  term->set_text("constructive");
  term->mutable_span()->set_begin(11);
  term->mutable_span()->set_end(23);
  add_statement("d0.s2", 0, 25, 53);
  add_statement("d1.s1", 1, 0, 20);
  Finding* framing = report.add_findings();
  framing->set_label(FRAMING);
  framing->set_b_document(1);
  framing->set_a_statement("d0.s1");
  framing->set_b_statement("d1.s1");
  framing->set_similarity(0.5);
  framing->set_explanation("framing: A \"constructive\" vs B \"in-depth\"");
  Finding* omission = report.add_findings();
  omission->set_label(ONLY_IN_A);
  omission->set_b_document(1);
  omission->set_a_statement("d0.s2");
  omission->set_explanation("omission");
  return report;
}

TEST(DiffHtmlTest, IsSelfContainedWithLegendAndFindings) {
  std::string html = DiffHtml(SmallReport());
  EXPECT_THAT(html, HasSubstr("<style>"));
  EXPECT_THAT(html, Not(HasSubstr("http")));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, HasSubstr("id=\"legend\""));
  for (const char* label : {"AGREE", "ONLY_IN_A", "ONLY_IN_B", "FIGURE_CONFLICT",
                            "ATTRIBUTION_DIFFERENCE", "HEDGE_DIFFERENCE",
                            "FRAMING", "INITIATIVE"}) {
    EXPECT_THAT(html, HasSubstr(label));
  }
  EXPECT_THAT(html, HasSubstr("data-labels=\"FRAMING\""));
  EXPECT_THAT(html, HasSubstr("label-ONLY_IN_A"));
  EXPECT_THAT(html, HasSubstr("<mark class=\"term\">constructive</mark>"));
  EXPECT_THAT(html, HasSubstr("class=\"side missing\""));
  // Document text is escaped.
  EXPECT_THAT(html, HasSubstr("&lt;press&gt;"));
  EXPECT_THAT(html, Not(HasSubstr("<press>")));
}

TEST(DiffSummaryTest, PlainWithoutColourAndColouredWith) {
  DiffReport report = SmallReport();
  std::string plain = DiffSummary(report, /*color=*/false);
  EXPECT_THAT(plain, HasSubstr("FRAMING  d0.s1 ~ d1.s1"));
  EXPECT_THAT(plain, HasSubstr("A: Holm raised <press> freedom."));
  EXPECT_THAT(plain, HasSubstr("2 differences."));
  EXPECT_THAT(plain, Not(HasSubstr("\x1b[")));
  EXPECT_THAT(DiffSummary(report, /*color=*/true), HasSubstr("\x1b["));
}

TEST(HtmlEscapeTest, EscapesMarkup) {
  EXPECT_EQ(HtmlEscape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
}

}  // namespace
}  // namespace claims
