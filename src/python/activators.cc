// Activation scripts (activators.h): written from scratch, after the behaviour of CPython's venv
// and virtualenv activators. The venv path is embedded quoted for each shell, so any directory
// name (spaces, quotes, `$`) activates correctly.
#include "python/activators.h"

namespace roost::python {
namespace {

// Replaces each "@VENV@" / "@PROMPT@" in a template with the quoted values.
std::string fill(std::string_view text, const std::string& venv, const std::string& prompt) {
  std::string out;
  while (true) {
    size_t at = text.find('@');
    if (at == std::string_view::npos) return out + std::string(text);
    out += text.substr(0, at);
    text.remove_prefix(at);
    if (text.starts_with("@VENV@")) {
      out += venv;
      text.remove_prefix(6);
    } else if (text.starts_with("@PROMPT@")) {
      out += prompt;
      text.remove_prefix(8);
    } else {
      out.push_back('@');
      text.remove_prefix(1);
    }
  }
}

constexpr std::string_view kSh =
    R"SH(# Source this file from bash, zsh or another POSIX shell: `. bin/activate` (running it does
# nothing). `deactivate` undoes it.

deactivate () {
    if [ -n "${_OLD_VIRTUAL_PATH:-}" ] ; then
        PATH="${_OLD_VIRTUAL_PATH:-}"
        export PATH
        unset _OLD_VIRTUAL_PATH
    fi
    if [ -n "${_OLD_VIRTUAL_PYTHONHOME:-}" ] ; then
        PYTHONHOME="${_OLD_VIRTUAL_PYTHONHOME:-}"
        export PYTHONHOME
        unset _OLD_VIRTUAL_PYTHONHOME
    fi
    if [ -n "${_OLD_VIRTUAL_PS1-}" ] ; then
        PS1="${_OLD_VIRTUAL_PS1-}"
        export PS1
        unset _OLD_VIRTUAL_PS1
    fi
    unset VIRTUAL_ENV
    unset VIRTUAL_ENV_PROMPT
    # The shell may remember where commands were found, some of them inside the venv.
    hash -r 2> /dev/null
    if [ ! "${1-}" = "nondestructive" ] ; then
        unset -f deactivate
    fi
}

# Undo an earlier activation first, keeping this function.
deactivate nondestructive

VIRTUAL_ENV=@VENV@
export VIRTUAL_ENV

_OLD_VIRTUAL_PATH="$PATH"
PATH="$VIRTUAL_ENV/bin:$PATH"
export PATH

VIRTUAL_ENV_PROMPT=@PROMPT@
export VIRTUAL_ENV_PROMPT

# PYTHONHOME would point the venv's python at another installation's standard library.
if [ -n "${PYTHONHOME:-}" ] ; then
    _OLD_VIRTUAL_PYTHONHOME="${PYTHONHOME:-}"
    unset PYTHONHOME
fi

if [ -z "${VIRTUAL_ENV_DISABLE_PROMPT:-}" ] ; then
    _OLD_VIRTUAL_PS1="${PS1-}"
    PS1="(${VIRTUAL_ENV_PROMPT}) ${PS1-}"
    export PS1
fi

hash -r 2> /dev/null
)SH";

constexpr std::string_view kFish =
    R"FISH(# Source this file from fish: `source bin/activate.fish`. `deactivate` undoes it.

function deactivate -d 'Leave the virtual environment'
    if set -q _OLD_VIRTUAL_PATH
        set -gx PATH $_OLD_VIRTUAL_PATH
        set -e _OLD_VIRTUAL_PATH
    end
    if set -q _OLD_VIRTUAL_PYTHONHOME
        set -gx PYTHONHOME $_OLD_VIRTUAL_PYTHONHOME
        set -e _OLD_VIRTUAL_PYTHONHOME
    end
    if set -q _OLD_FISH_PROMPT_OVERRIDE
        set -e _OLD_FISH_PROMPT_OVERRIDE
        if functions -q _old_fish_prompt
            functions -e fish_prompt
            functions -c _old_fish_prompt fish_prompt
            functions -e _old_fish_prompt
        end
    end
    set -e VIRTUAL_ENV
    set -e VIRTUAL_ENV_PROMPT
    if test "$argv[1]" != 'nondestructive'
        functions -e deactivate
    end
end

# Undo an earlier activation first, keeping this function.
deactivate nondestructive

set -gx VIRTUAL_ENV @VENV@
set -gx _OLD_VIRTUAL_PATH $PATH
set -gx PATH "$VIRTUAL_ENV/bin" $PATH
set -gx VIRTUAL_ENV_PROMPT @PROMPT@

# PYTHONHOME would point the venv's python at another installation's standard library.
if set -q PYTHONHOME
    set -gx _OLD_VIRTUAL_PYTHONHOME $PYTHONHOME
    set -e PYTHONHOME
end

if test -z "$VIRTUAL_ENV_DISABLE_PROMPT"
    functions -c fish_prompt _old_fish_prompt
    function fish_prompt
        # Keep the status the user's prompt would have seen.
        set -l old_status $status
        printf '(%s) ' $VIRTUAL_ENV_PROMPT
        echo "exit $old_status" | .
        _old_fish_prompt
    end
    set -gx _OLD_FISH_PROMPT_OVERRIDE "$VIRTUAL_ENV"
end
)FISH";

constexpr std::string_view kCsh =
    R"CSH(# Source this file from csh or tcsh: `source bin/activate.csh`. `deactivate` undoes it.

alias deactivate 'test $?_OLD_VIRTUAL_PATH != 0 && setenv PATH "$_OLD_VIRTUAL_PATH" && unset _OLD_VIRTUAL_PATH; rehash; test $?_OLD_VIRTUAL_PROMPT != 0 && set prompt="$_OLD_VIRTUAL_PROMPT" && unset _OLD_VIRTUAL_PROMPT; unsetenv VIRTUAL_ENV; unsetenv VIRTUAL_ENV_PROMPT; test "\!:*" != "nondestructive" && unalias deactivate'

# Undo an earlier activation first, keeping the alias.
deactivate nondestructive

setenv VIRTUAL_ENV @VENV@
set _OLD_VIRTUAL_PATH="$PATH"
setenv PATH "$VIRTUAL_ENV/bin:$PATH"
setenv VIRTUAL_ENV_PROMPT @PROMPT@

# Only interactive shells have a prompt.
if ( $?prompt ) then
    set _OLD_VIRTUAL_PROMPT="$prompt"
    if ( ! $?VIRTUAL_ENV_DISABLE_PROMPT ) then
        set prompt = "($VIRTUAL_ENV_PROMPT) $prompt"
    endif
endif

rehash
)CSH";

constexpr std::string_view kNu =
    R"NU(# Activate with `overlay use activate.nu`; `deactivate` (an alias of `overlay hide activate`)
# undoes it, since an overlay's environment changes vanish when it is hidden.

export-env {
    let venv = @VENV@
    let bin = ($venv | path join 'bin')
    # Windows spells it Path; PATH is a list, or a string before nushell converts it.
    let path_name = (if ($env | columns | any {|c| $c == 'Path' }) { 'Path' } else { 'PATH' })
    let old_path = ($env | get $path_name)
    let path_list = (if (($old_path | describe) == 'string') { $old_path | split row (char esep) } else { $old_path })
    load-env {
        $path_name: ($path_list | prepend $bin)
        VIRTUAL_ENV: $venv
        VIRTUAL_ENV_PROMPT: @PROMPT@
    }
}

export alias deactivate = overlay hide activate
)NU";

}  // namespace

std::string sh_quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string fish_quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "'";
}

std::string csh_quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'')
      out += "'\\''";
    else if (c == '!')
      out += "\\!";
    else
      out.push_back(c);
  }
  return out + "'";
}

std::string nu_quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

std::vector<ActivationScript> activation_scripts(const std::filesystem::path& venv,
                                                 std::string_view prompt) {
  std::string path = venv.string();
  return {
      {"activate", fill(kSh, sh_quote(path), sh_quote(prompt))},
      {"activate.fish", fill(kFish, fish_quote(path), fish_quote(prompt))},
      {"activate.csh", fill(kCsh, csh_quote(path), csh_quote(prompt))},
      {"activate.nu", fill(kNu, nu_quote(path), nu_quote(prompt))},
  };
}

}  // namespace roost::python
