#!/usr/bin/env python3
"""Checks the packages in dist/ before anyone publishes them: prints the size of each and fails when
one is larger than LIMIT_BYTES, contains a path that is not the library's own build output, or asks
for other aws-cdk-lib/constructs versions than package.json's peerDependencies (^2.257.0 must be
[2.257.0,3.0.0) in the POM, >=2.257.0,<3.0.0 in the wheel, v2.257.0 as the go.mod minimum).

Usage: python3 scripts/check-packages.py [js] [python] [java] [go] [dotnet]
  Without arguments: js, python, java and go, and dotnet where a dotnet SDK is installed.
  A requested language without a package in dist/ fails. Run it after `npx projen package-all`
  (`npx projen package:check`); every `package:<language>` task also runs it for its own language.

The version in the package names must be the one in package.json (the bumped one during a release).
Embedded copies of the npm tarball (in the wheel, the sdist, the jars and the Go module) are opened and
held to the npm tarball's rules: that copy is where a stray folder of the project ended up last time.
"""
import io
import json
import os
import re
import shutil
import sys
import tarfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

# Every package of this library is well under 1 MB (npm tarball ~0.3 MB, wheel ~0.7 MB, jar ~0.5 MB,
# javadoc jar ~0.7 MB). A package that contains a dependency or a build cache is tens of MB (the
# aws-cdk-lib jar alone is ~50 MB; the polluted wheel of the first release was 168 MB). 5 MB leaves
# room for the library to grow several times over and still catches any of those.
LIMIT_BYTES = 5 * 1024 * 1024
# The Go module is published as a folder of sources; the limit applies to the sum of its files.
GO_MODULE_LIMIT_BYTES = LIMIT_BYTES

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / 'dist'

pkg = json.loads((ROOT / 'package.json').read_text())
NAME = pkg['name']
VERSION = pkg['version']
TARGETS = pkg['jsii']['targets']
PY_DIST = TARGETS['python']['distName'].replace('-', '_')
PY_MODULE = TARGETS['python']['module']
JAVA_PACKAGE_PATH = TARGETS['java']['package'].replace('.', '/')
MAVEN_GROUP = TARGETS['java']['maven']['groupId']
MAVEN_ARTIFACT = TARGETS['java']['maven']['artifactId']
GO_PACKAGE = TARGETS['go']['packageName']
DOTNET_ID = TARGETS['dotnet']['packageId']

V = re.escape(VERSION)
# PyPI spells pre-releases differently (1.0.0-rc.1 -> 1.0.0rc1): accept any version there.
PY_V = V if '-' not in VERSION else r'[^/]+'
N = re.escape(NAME)


def allow(*patterns):
    return [re.compile(p) for p in patterns]


# The npm tarball: what jsii compiles, its assembly, and the files npm always adds.
NPM_PATHS = allow(
    r'package/(package\.json|README\.md|LICENSE|API\.md|\.jsii)',
    r'package/lib/([\w.-]+/)*[\w.-]+(\.js|\.d\.ts)',
)
WHEEL_PATHS = allow(
    rf'{PY_MODULE}/([\w]+/)*__init__\.py',
    rf'{PY_MODULE}/py\.typed',
    rf'{PY_MODULE}/_jsii/{N}@{V}\.jsii\.tgz',
    rf'{PY_DIST}-{PY_V}\.dist-info/(LICENSE|METADATA|RECORD|WHEEL|top_level\.txt|licenses/LICENSE)',
)
SDIST_PATHS = allow(
    rf'{PY_DIST}-{PY_V}/(LICENSE|MANIFEST\.in|PKG-INFO|README\.md|pyproject\.toml|setup\.cfg|setup\.py)',
    rf'{PY_DIST}-{PY_V}/src/{PY_MODULE}/([\w]+/)*__init__\.py',
    rf'{PY_DIST}-{PY_V}/src/{PY_MODULE}/py\.typed',
    rf'{PY_DIST}-{PY_V}/src/{PY_MODULE}/_jsii/{N}@{V}\.jsii\.tgz',
    rf'{PY_DIST}-{PY_V}/src/{PY_DIST}\.egg-info/(PKG-INFO|SOURCES\.txt|dependency_links\.txt|requires\.txt|top_level\.txt)',
)
JAR_META = rf'META-INF/(MANIFEST\.MF|INDEX\.LIST|maven/{re.escape(MAVEN_GROUP)}/{re.escape(MAVEN_ARTIFACT)}/pom\.(xml|properties))'
JAR_PATHS = allow(
    JAR_META,
    rf'{JAVA_PACKAGE_PATH}/([\w$]+/)*[\w$-]+\.class',
    rf'{JAVA_PACKAGE_PATH}/\$Module\.txt',
    rf'{JAVA_PACKAGE_PATH}/{N}@{V}\.jsii\.tgz',
)
SOURCES_JAR_PATHS = allow(
    JAR_META,
    rf'{JAVA_PACKAGE_PATH}/([\w$]+/)*[\w$-]+\.java',
    rf'{JAVA_PACKAGE_PATH}/\$Module\.txt',
    rf'{JAVA_PACKAGE_PATH}/{N}@{V}\.jsii\.tgz',
)
# What javadoc writes: pages of the library's package, its index and search files and stylesheets.
JAVADOC_JAR_PATHS = allow(
    JAR_META,
    rf'{JAVA_PACKAGE_PATH}/([\w$.-]+/)*[\w$.-]+\.html',
    r'[\w.-]+\.(html|js|css|zip)',
    r'element-list',
    r'(legal|resources|script-dir|resource-files)/([\w.-]+/)*[\w.-]+',
)
MAVEN_REPO_PATHS = allow(
    rf'{re.escape(MAVEN_GROUP.replace(".", "/"))}/{re.escape(MAVEN_ARTIFACT)}/maven-metadata\.xml(\.md5|\.sha1)?',
    rf'{re.escape(MAVEN_GROUP.replace(".", "/"))}/{re.escape(MAVEN_ARTIFACT)}/{V}/{re.escape(MAVEN_ARTIFACT)}-{V}(-sources|-javadoc)?\.(jar|pom)(\.md5|\.sha1)?',
)
GO_PATHS = allow(
    r'(go\.mod|go\.sum|README\.md|LICENSE|NOTICE|version)',
    r'([a-z0-9_]+/)*[\w]+\.go',
    rf'jsii/{N}-{V}\.tgz',
)
NUPKG_PATHS = allow(
    r'\[Content_Types\]\.xml',
    r'_rels/\.rels',
    rf'{re.escape(DOTNET_ID)}\.nuspec',
    rf'lib/[\w.]+/{re.escape(DOTNET_ID)}\.(dll|xml|pdb)',
    r'package/services/metadata/core-properties/\w+\.psmdcp',
)


def caret_bounds(dep):
    """^2.257.0 -> ('2.257.0', '3.0.0'): the only range shape the peer dependencies use."""
    m = re.fullmatch(r'\^(\d+)\.(\d+)\.(\d+)', PEERS[dep])
    if not m:
        sys.exit(f'check-packages: peerDependencies.{dep} is {PEERS[dep]!r}; teach caret_bounds() that range shape')
    major = int(m.group(1))
    return f'{major}.{m.group(2)}.{m.group(3)}', f'{major + 1}.0.0', major


PEERS = pkg.get('peerDependencies', {})
PEER_TARGETS = {dep: json.loads((ROOT / 'node_modules' / dep / 'package.json').read_text())['jsii']['targets'] for dep in PEERS}

rows = []       # (language, path, size, limit, files)
ranges = []     # (language, what the package asks for)
failures = []   # messages


def fmt(n):
    return f'{n / 1024 / 1024:.1f} MB' if n >= 1024 * 1024 else f'{n / 1024:.0f} KB'


def rel(p):
    return os.path.relpath(p, ROOT)


def check_names(lang, where, names, patterns):
    """Fails for each name that no pattern matches (directory entries are not files)."""
    bad = [n for n in names if not n.endswith('/') and not any(p.fullmatch(n) for p in patterns)]
    for n in bad[:10]:
        failures.append(f'{lang}: {where} contains {n}, which is not part of the library')
    if len(bad) > 10:
        failures.append(f'{lang}: {where} contains {len(bad) - 10} more such files')


def check_size(lang, where, size, limit=LIMIT_BYTES):
    if size > limit:
        failures.append(f'{lang}: {where} is {fmt(size)}, over the limit of {fmt(limit)}')


def check_embedded_npm(lang, where, data):
    """An npm tarball inside another package: the same size limit and paths as dist/js."""
    check_size(lang, where, len(data))
    with tarfile.open(fileobj=io.BytesIO(data), mode='r:gz') as tar:
        check_names(lang, where, [m.name + ('/' if m.isdir() else '') for m in tar.getmembers()], NPM_PATHS)


def check_archive_file(lang, path, patterns, embedded=None):
    """Size, paths, and embedded npm tarballs (names ending in .tgz) of one zip or tar.gz package."""
    size = path.stat().st_size
    check_size(lang, rel(path), size)
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            nested = {n: z.read(n) for n in names if n.endswith('.tgz')}
    else:
        with tarfile.open(path, 'r:gz') as tar:
            members = tar.getmembers()
            names = [m.name + ('/' if m.isdir() else '') for m in members]
            nested = {m.name: tar.extractfile(m).read() for m in members if m.isfile() and m.name.endswith('.tgz')}
    check_names(lang, rel(path), names, patterns)
    for n, data in nested.items():
        if embedded is not None and any(p.fullmatch(n) for p in patterns):
            embedded(lang, f'{rel(path)}!{n}', data)
    rows.append((lang, rel(path), size, LIMIT_BYTES, len([n for n in names if not n.endswith('/')])))


def check_ranges(lang, where, found, expected):
    """found/expected: {dependency: version requirement as the target spells it}."""
    for dep, want in expected.items():
        got = found.get(dep)
        if got != want:
            failures.append(f'{lang}: {where} asks for {dep} {got or "(nothing)"}, expected {want} (package.json: {PEERS[dep]})')
    ranges.append((lang, ', '.join(f'{dep} {found.get(dep)}' for dep in expected)))


def check_pom_ranges(pom_path):
    ns = {'m': 'http://maven.apache.org/POM/4.0.0'}
    root = ET.parse(pom_path).getroot()
    found = {}
    for dep in PEERS:
        maven = PEER_TARGETS[dep]['java']['maven']
        for d in root.findall('m:dependencies/m:dependency', ns):
            if d.findtext('m:groupId', '', ns) == maven['groupId'] and d.findtext('m:artifactId', '', ns) == maven['artifactId']:
                found[dep] = d.findtext('m:version', '', ns)
    expected = {dep: '[{0},{1})'.format(*caret_bounds(dep)) for dep in PEERS}
    check_ranges('java', rel(pom_path), found, expected)


def check_wheel_ranges(wheel):
    with zipfile.ZipFile(wheel) as z:
        meta = ''.join(z.read(n).decode() for n in z.namelist() if re.fullmatch(r'[^/]+\.dist-info/METADATA', n))
    found, expected = {}, {}
    for dep in PEERS:
        dist = PEER_TARGETS[dep]['python']['distName']
        for line in meta.splitlines():
            m = re.fullmatch(rf'Requires-Dist: {re.escape(dist)}\s*\(?([^;)]*)\)?', line)
            if m:
                found[dep] = ','.join(sorted(spec.strip() for spec in m.group(1).split(',')))
        low, high, _ = caret_bounds(dep)
        expected[dep] = ','.join(sorted([f'>={low}', f'<{high}']))
    check_ranges('python', rel(wheel), found, expected)


def check_gomod_ranges(gomod):
    requires = dict(re.findall(r'^\s*(?:require\s+)?(\S+)\s+(v\S+)', gomod.read_text(), re.M))
    found, expected = {}, {}
    for dep in PEERS:
        go = PEER_TARGETS[dep]['go']
        low, _, major = caret_bounds(dep)
        module = f"{go['moduleName']}/{go.get('packageName', re.sub(r'[^a-z0-9]', '', dep.split('/')[-1]))}"
        module += f'/v{major}' if major >= 2 else ''
        found[dep] = requires.get(module)
        expected[dep] = f'v{low}'   # Go's minimal version selection: a minimum, any newer v2 is accepted
    check_ranges('go', rel(gomod), found, expected)


def files_in(folder):
    return sorted(p for p in folder.rglob('*') if p.is_file())


def find(lang, folder, pattern):
    found = sorted(folder.glob(pattern)) if folder.is_dir() else []
    if not found:
        failures.append(f'{lang}: no {pattern} in {rel(folder)} (run npx projen package:{lang} first)')
    return found


def check_js():
    for f in find('js', DIST / 'js', '*.tgz'):
        check_archive_file('js', f, NPM_PATHS)
        if f.name != f'{NAME}@{VERSION}.jsii.tgz':
            failures.append(f'js: {rel(f)} is not named {NAME}@{VERSION}.jsii.tgz')


def check_python():
    wheels = find('python', DIST / 'python', '*.whl')
    sdists = find('python', DIST / 'python', '*.tar.gz')
    for f in wheels:
        check_archive_file('python', f, WHEEL_PATHS, check_embedded_npm)
        check_wheel_ranges(f)
    for f in sdists:
        check_archive_file('python', f, SDIST_PATHS, check_embedded_npm)


def check_java():
    repo = DIST / 'java'
    all_files = files_in(repo) if repo.is_dir() else []
    check_names('java', 'dist/java', [str(p.relative_to(repo)) for p in all_files], MAVEN_REPO_PATHS)
    version_dir = repo / MAVEN_GROUP.replace('.', '/') / MAVEN_ARTIFACT / VERSION
    for suffix, patterns in (('', JAR_PATHS), ('-sources', SOURCES_JAR_PATHS), ('-javadoc', JAVADOC_JAR_PATHS)):
        for f in find('java', version_dir, f'{MAVEN_ARTIFACT}-{VERSION}{suffix}.jar'):
            check_archive_file('java', f, patterns, check_embedded_npm)
    for f in find('java', version_dir, f'{MAVEN_ARTIFACT}-{VERSION}.pom'):
        check_size('java', rel(f), f.stat().st_size)
        rows.append(('java', rel(f), f.stat().st_size, LIMIT_BYTES, 1))
        check_pom_ranges(f)


def check_go():
    module = DIST / 'go' / GO_PACKAGE
    if not (module / 'go.mod').is_file():
        failures.append(f'go: no go.mod in {rel(module)} (run npx projen package:go first)')
        return
    extra = [rel(p) for p in (DIST / 'go').iterdir() if p != module]
    for p in extra:
        failures.append(f'go: {p} is not the module {GO_PACKAGE}')
    files = files_in(module)
    names = [str(p.relative_to(module)) for p in files]
    check_names('go', rel(module), names, GO_PATHS)
    check_gomod_ranges(module / 'go.mod')
    total = sum(p.stat().st_size for p in files)
    check_size('go', f'{rel(module)} (all files)', total, GO_MODULE_LIMIT_BYTES)
    rows.append(('go', rel(module) + '/', total, GO_MODULE_LIMIT_BYTES, len(files)))
    for tgz in find('go', module / 'jsii', '*.tgz'):
        check_embedded_npm('go', rel(tgz), tgz.read_bytes())
        rows.append(('go', rel(tgz), tgz.stat().st_size, LIMIT_BYTES, 1))
    if (module / 'version').is_file() and (module / 'version').read_text().strip() != VERSION:
        failures.append(f'go: {rel(module)}/version says {(module / "version").read_text().strip()}, not {VERSION}')


def check_dotnet():
    for f in find('dotnet', DIST / 'dotnet', '*.nupkg') + sorted((DIST / 'dotnet').glob('*.snupkg')):
        check_archive_file('dotnet', f, NUPKG_PATHS)


CHECKS = {'js': check_js, 'python': check_python, 'java': check_java, 'go': check_go, 'dotnet': check_dotnet}


def main(args):
    unknown = [a for a in args if a not in CHECKS]
    if unknown:
        print(f'check-packages: unknown language {", ".join(unknown)} (choose from: {" ".join(CHECKS)})', file=sys.stderr)
        return 2
    langs = args or ['js', 'python', 'java', 'go'] + (['dotnet'] if shutil.which('dotnet') else [])
    for lang in langs:
        CHECKS[lang]()
    print(f'{"language":<8} {"size":>9} {"limit":>8} {"files":>6}  package (version {VERSION})')
    for lang, path, size, limit, count in rows:
        print(f'{lang:<8} {fmt(size):>9} {fmt(limit):>8} {count:>6}  {path}')
    for lang, text in ranges:
        print(f'{lang:<8} requires {text}')
    if not args and 'dotnet' not in langs:
        print('dotnet   not checked: no dotnet SDK on this machine, so no .NET package was built')
    for msg in failures:
        print(f'FAIL {msg}', file=sys.stderr)
    print(f'check-packages: {len(rows)} packages checked, {len(failures)} problems')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
