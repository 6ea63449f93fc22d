#include "cli/terminal.h"

#include <gtest/gtest.h>

namespace openiom::cli {
namespace {

TEST(ForTerminal, NeutralisesControlSequencesAndKeepsText) {
  EXPECT_EQ(ForTerminal("line 2, column gender: 'Q' is not one of M, F"), "line 2, column gender: 'Q' is not one of M, F");
  EXPECT_EQ(ForTerminal("Zoë\tÓ Súilleabháin"), "Zoë\tÓ Súilleabháin");
  EXPECT_EQ(ForTerminal("\x1b[2J\x1b]0;owned\x07"), "\\x1b[2J\\x1b]0;owned\\x07");
  EXPECT_EQ(ForTerminal("a\nb\rc\x7f"), "a\\x0ab\\x0dc\\x7f");
  EXPECT_EQ(ForTerminal("csi \xc2\x9b" "31m"), "csi \\xc2\\x9b31m");  // C1 CSI as UTF-8
}

}  // namespace
}  // namespace openiom::cli
