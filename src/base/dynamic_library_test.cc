#include "base/dynamic_library.h"

#include <gtest/gtest.h>

#include <cstring>

namespace roost {
namespace {

TEST(DynamicLibrary, LoadsTheFirstSonameThatExistsAndBindsItsSymbols) {
  auto handle = open_dynamic_library({"libroost-no-such.so.9", "libc.so.6"}, "libc", "hint");
  ASSERT_TRUE(handle.ok()) << handle.error().render();
  std::string missing;
  decltype(&::strlen) strlen_fn = nullptr;
  ASSERT_TRUE(bind_symbol<decltype(&::strlen)>(*handle, "strlen", strlen_fn, missing));
  EXPECT_EQ(strlen_fn("roost"), 5u);
  decltype(&::strlen) absent = nullptr;
  EXPECT_FALSE(bind_symbol<decltype(&::strlen)>(*handle, "roost_absent_fn", absent, missing));
  EXPECT_FALSE(bind_symbol<decltype(&::strlen)>(*handle, "roost_other_fn", absent, missing));
  EXPECT_EQ(missing, "roost_absent_fn");  // the first one missing
}

TEST(DynamicLibrary, AMissingLibraryNamesItselfAndTheHint) {
  auto handle = open_dynamic_library({"libroost-no-such.so.9"}, "libnothing", "install it");
  ASSERT_FALSE(handle.ok());
  EXPECT_EQ(handle.error().message().rfind("cannot load libnothing (", 0), 0u)
      << handle.error().message();
  EXPECT_EQ(handle.error().hint(), "install it");
}

}  // namespace
}  // namespace roost
