// Git checkouts against real repositories made in a temp dir with the system git: branches,
// tags, abbreviated and full commits, the default branch, offline reuse of a cached commit, and
// the errors for a missing reference or repository.
#include "git/git_checkout.h"

#include <gtest/gtest.h>

#include "base/fs.h"
#include "base/subprocess.h"
#include "git/testing/test_repo.h"

namespace roost::git {
namespace {
namespace fs = std::filesystem;
using testing::run_git;

class GitCheckoutTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::git_available()) GTEST_SKIP() << "git is not installed";
    tmp_ = fs::temp_directory_path() / ("roost-git-test-" + std::to_string(::getpid()));
    fs::remove_all(tmp_);
    repo_ = tmp_ / "repo";
    fs::create_directories(repo_);
    run_git(repo_, {"init", "--quiet"});
    commit("first");
    first_ = run_git(repo_, {"rev-parse", "HEAD"});
    run_git(repo_, {"tag", "v1"});
    run_git(repo_, {"checkout", "--quiet", "-b", "feature"});
    commit("feature");
    feature_ = run_git(repo_, {"rev-parse", "HEAD"});
    run_git(repo_, {"checkout", "--quiet", "main"});
    commit("second");
    second_ = run_git(repo_, {"rev-parse", "HEAD"});
  }
  void TearDown() override { fs::remove_all(tmp_); }

  void commit(const std::string& text) {
    ASSERT_TRUE(write_file_atomic(repo_ / "file.txt", text + "\n").ok());
    run_git(repo_, {"add", "file.txt"});
    run_git(repo_, {"commit", "--quiet", "-m", text});
  }
  Result<GitCheckout> checkout(GitReference ref, std::string locked = "", bool offline = false) {
    return checkout_git({.repository = "file://" + repo_.string(),
                         .reference = std::move(ref),
                         .locked_commit = std::move(locked),
                         .offline = offline},
                        tmp_ / "cache");
  }
  std::string content(const GitCheckout& c) { return read_file(c.directory / "file.txt").value(); }

  fs::path tmp_, repo_;
  std::string first_, feature_, second_;
};

TEST_F(GitCheckoutTest, ResolvesEveryKindOfReferenceToAFullCommit) {
  auto head = checkout({});
  ASSERT_TRUE(head.ok()) << head.error().render();
  EXPECT_EQ(head->commit, second_);
  EXPECT_EQ(content(*head), "second\n");

  auto branch = checkout(GitReference::branch("feature"));
  ASSERT_TRUE(branch.ok()) << branch.error().render();
  EXPECT_EQ(branch->commit, feature_);
  EXPECT_EQ(content(*branch), "feature\n");

  auto tag = checkout(GitReference::tag("v1"));
  ASSERT_TRUE(tag.ok()) << tag.error().render();
  EXPECT_EQ(tag->commit, first_);

  auto short_rev = checkout(GitReference::rev(first_.substr(0, 8)));
  ASSERT_TRUE(short_rev.ok()) << short_rev.error().render();
  EXPECT_EQ(short_rev->commit, first_);
  EXPECT_EQ(short_rev->directory, tag->directory);  // one checkout per commit

  auto rev_as_branch = checkout(GitReference::rev("feature"));
  ASSERT_TRUE(rev_as_branch.ok());
  EXPECT_EQ(rev_as_branch->commit, feature_);
  EXPECT_TRUE(is_full_commit(head->commit));
}

TEST_F(GitCheckoutTest, ALockedCommitInTheCacheNeedsNoRepositoryAtAll) {
  auto first = checkout(GitReference::branch("main"));
  ASSERT_TRUE(first.ok()) << first.error().render();
  // The branch moves on and the repository disappears: the locked commit is still served,
  // offline too.
  fs::remove_all(repo_);
  auto again = checkout(GitReference::branch("main"), second_, /*offline=*/true);
  ASSERT_TRUE(again.ok()) << again.error().render();
  EXPECT_EQ(again->commit, second_);
  EXPECT_EQ(content(*again), "second\n");
  auto unknown = checkout(GitReference::branch("main"), std::string(40, 'a'), true);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message().find("offline"), std::string::npos);
}

TEST_F(GitCheckoutTest, AMissingReferenceOrRepositoryIsAClearError) {
  auto missing = checkout(GitReference::tag("v9"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind(), ErrorKind::kNotFound);
  EXPECT_NE(missing.error().message().find("`v9`"), std::string::npos) << missing.error().message();
  auto nowhere = checkout_git({.repository = "file://" + (tmp_ / "nope").string()}, tmp_ / "c");
  ASSERT_FALSE(nowhere.ok());
  EXPECT_EQ(nowhere.error().kind(), ErrorKind::kSubprocess);
  EXPECT_NE(nowhere.error().message().find("git"), std::string::npos);
}

}  // namespace
}  // namespace roost::git
