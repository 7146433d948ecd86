// The probe program (probe_script.h). Kept to Python 3.4 syntax (no f-strings) so an old
// interpreter on PATH fails on a clear fact (its version) rather than on a SyntaxError, and run
// with -S (no site.py: ~25 ms instead of ~55 ms here), which is why it finds a venv's prefix
// itself. Values are escaped (\\, \n, \r) so every fact stays on one line.
#include "python/probe_script.h"

namespace roost::python {

const std::string_view kProbeScript = R"PY(
import os
import platform
import struct
import sys
import sysconfig

lines = ['roost-probe-v1']


def put(key, value):
    if value is None:
        return
    if isinstance(value, bool):
        value = '1' if value else '0'
    text = str(value).replace('\\', '\\\\').replace('\n', '\\n').replace('\r', '\\r')
    lines.append(key + '=' + text)


def full_version(info):
    # PEP 508's format_full_version.
    text = '%d.%d.%d' % (info[0], info[1], info[2])
    if info[3] != 'final':
        text += info[3][0] + str(info[4])
    return text


def config_var(name):
    try:
        return sysconfig.get_config_var(name)
    except Exception:
        return None


def venv_prefix():
    # site.venv() is what points sys.prefix at a venv, and -S skips it: look for pyvenv.cfg
    # beside the executable or one level up, as site.venv() does.
    exe_dir = os.path.dirname(os.path.abspath(sys.executable))
    for candidate in (exe_dir, os.path.dirname(exe_dir)):
        if os.path.isfile(os.path.join(candidate, 'pyvenv.cfg')):
            return candidate
    return None


def inside(path, directory):
    return os.path.abspath(path).startswith(os.path.join(os.path.abspath(directory), ''))


def base_executable(prefix):
    if prefix is None:
        return sys.executable
    # 3.11+ fills sys._base_executable from pyvenv.cfg's home; older ones point it at the venv.
    base = getattr(sys, '_base_executable', None)
    if base and os.path.isfile(base) and not inside(base, prefix):
        return base
    return os.path.realpath(sys.executable)


def scheme_paths():
    names = sysconfig.get_scheme_names()
    scheme = 'venv' if 'venv' in names else ('posix_prefix' if os.name == 'posix' else 'nt')
    base = '{base}'
    placeholders = {'base': base, 'platbase': base, 'installed_base': base,
                    'installed_platbase': base}
    paths = sysconfig.get_paths(scheme=scheme, vars=placeholders)
    for key in ('purelib', 'platlib', 'scripts', 'data'):
        path = paths[key]
        if path == base:
            path = ''
        elif path.startswith(base + os.sep) or path.startswith(base + '/'):
            path = path[len(base) + 1:]
        # Anything else is an absolute path the caller replaces with the standard layout.
        put('scheme.' + key, path)


def musl_version():
    import glob
    import re
    import subprocess
    for loader in sorted(glob.glob('/lib/ld-musl-*.so.1')):
        proc = subprocess.Popen([loader], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        _, err = proc.communicate()
        match = re.search(r'Version (\d+)\.(\d+)', err.decode('utf-8', 'replace'))
        if match:
            return match.group(1) + '.' + match.group(2)
    return None


def libc():
    if not sys.platform.startswith('linux'):
        return
    try:
        name, version = os.confstr('CS_GNU_LIBC_VERSION').split()
        if name == 'glibc':
            put('glibc', version)
            return
    except (AttributeError, OSError, ValueError):
        pass
    put('musl', musl_version())


def facts():
    prefix = venv_prefix()
    put('executable', sys.executable)
    put('base_executable', base_executable(prefix))
    put('prefix', prefix or sys.prefix)
    put('base_prefix', getattr(sys, 'base_prefix', sys.prefix))
    put('base_exec_prefix', getattr(sys, 'base_exec_prefix', sys.exec_prefix))
    put('version_info', '%d.%d.%d.%s.%d' % tuple(sys.version_info[:5]))
    put('pointer_size', struct.calcsize('P') * 8)

    implementation = sys.implementation
    put('implementation_name', implementation.name)
    put('cache_tag', implementation.cache_tag)
    put('abiflags', getattr(sys, 'abiflags', ''))

    put('marker.implementation_name', implementation.name)
    put('marker.implementation_version', full_version(implementation.version))
    put('marker.os_name', os.name)
    put('marker.platform_machine', platform.machine())
    put('marker.platform_python_implementation', platform.python_implementation())
    put('marker.platform_release', platform.release())
    put('marker.platform_system', platform.system())
    put('marker.platform_version', platform.version())
    put('marker.python_full_version', platform.python_version())
    put('marker.python_version', '.'.join(platform.python_version_tuple()[:2]))
    put('marker.sys_platform', sys.platform)

    put('sysconfig_platform', sysconfig.get_platform())
    put('soabi', config_var('SOABI'))
    put('ext_suffix', config_var('EXT_SUFFIX'))
    put('gil_disabled', bool(config_var('Py_GIL_DISABLED')))
    # packaging's _cpython_abis: an unknown Py_DEBUG falls back to gettotalrefcount, an unknown
    # WITH_PYMALLOC counts as enabled.
    debug = config_var('Py_DEBUG')
    put('debug', bool(debug) or (debug is None and hasattr(sys, 'gettotalrefcount')))
    pymalloc = config_var('WITH_PYMALLOC')
    put('pymalloc', bool(pymalloc) or pymalloc is None)
    if sys.platform == 'darwin':
        put('mac_version', platform.mac_ver()[0])

    for step in (scheme_paths, libc):
        try:
            step()
        except Exception as error:
            put('warning', '%s: %r' % (step.__name__, error))


facts()
data = ('\n'.join(lines) + '\n').encode('utf-8', 'surrogateescape')
out = getattr(sys.stdout, 'buffer', None)
if out is None:
    sys.stdout.write(data.decode('utf-8', 'replace'))
else:
    out.write(data)
    out.flush()
)PY";

}  // namespace roost::python
