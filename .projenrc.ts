import { awscdk, javascript } from 'projen';
import { UpdateSnapshot } from 'projen/lib/javascript';

/**
 * The one aws-cdk-lib version of the project: the newest one whose cloud assembly schema (53)
 * integ-runner 2.197.x still reads (aws-cdk-lib 2.258 writes schema 54, and every integ-runner command
 * then fails with "Cloud assembly schema version mismatch"), and that cdk-nag 3.x accepts.
 */
const CDK_VERSION = '2.257.0';

/** Releases are 0.x while the API is experimental (docs/releasing.md). */
const MAJOR_VERSION = 0;

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'ecs-advanced-network',
  description:
    'An Amazon ECS network in one L3 construct, with hardened defaults and an experimental API: multi-AZ VPC with a ' +
    'choice of egress, VPC endpoints, hardened Fargate services behind one Application Load Balancer with deterministic ' +
    'path and host routing, Service Connect and Cloud Map discovery, least-privilege security groups, flow logs and ' +
    'Container Insights.',
  author: 'ecs-advanced-network developers',
  authorAddress: 'maintainers@ecs-advanced-network.dev',
  authorOrganization: true,
  repositoryUrl: 'https://github.com/ecs-advanced-network/ecs-advanced-network.git',
  homepage: 'https://github.com/ecs-advanced-network/ecs-advanced-network',
  license: 'Apache-2.0',
  keywords: ['cdk', 'awscdk', 'aws-cdk', 'ecs', 'fargate', 'vpc', 'alb', 'service-connect', 'cloud-map', 'networking'],
  stability: 'experimental',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  // npm 11.16+ lists dependencies whose install scripts nobody reviewed, and npm 12 no longer runs them
  // unless `allowScripts` approves them (by name, so that an upgrade keeps the approval). Each of these
  // checks for its platform's native binary: if it is missing, @swc/core (ts-node's transpiler in the
  // scripts) installs @swc/wasm, unrs-resolver (jest's and eslint's module resolution) downloads its
  // binding, and @parcel/watcher (jest's watch mode) builds only with --build-from-source.
  // `npm approve-scripts --allow-scripts-pending` lists any new one.
  allowScripts: ['@parcel/watcher', '@swc/core', 'unrs-resolver'],
  projenrcTs: true,

  cdkVersion: CDK_VERSION,
  cdkVersionPinning: false,
  jsiiVersion: '~6.0.0',

  // Releases the projen way (docs/releasing.md): every push to main that has a `feat:` or `fix:` commit
  // since the last tag is released, its version and changelog computed from the conventional commits,
  // to npm, PyPI, Maven Central, NuGet and the Go module repository. The workflows cannot run on this
  // machine; `.ci/run` lints them (workflows:lint) and runs the release's bump, changelog and packaging
  // without publishing (release:dry).
  github: true,
  githubOptions: {
    // Pull request titles become the squash-merged commit message, from which versions are computed.
    pullRequestLint: true,
    mergify: false,
  },
  release: true,
  releaseToNpm: true,
  // Experimental API: 0.x, where a minor version may break (README "Stability and versioning").
  majorVersion: MAJOR_VERSION,
  depsUpgrade: true,
  depsUpgradeOptions: {
    // aws-cdk-lib and constructs are the floor of the peer-dependency ranges users get, and
    // integ-tests-alpha matches that aws-cdk-lib (its newest release, 2.245.0-alpha.0, works with 2.257.0):
    // move those by hand, with CDK_VERSION.
    exclude: ['aws-cdk-lib', 'constructs', '@aws-cdk/integ-tests-alpha'],
  },
  pullRequestTemplate: false,
  // jsii 6 supports Node 22 and 24 (20 is past its end of life); the workflows build on 22.
  workflowNodeVersion: '22.x',

  publishToPypi: {
    distName: 'ecs-advanced-network',
    module: 'ecs_advanced_network',
  },
  publishToMaven: {
    javaPackage: 'io.github.ecsadvancednetwork',
    mavenGroupId: 'io.github.ecsadvancednetwork',
    mavenArtifactId: 'ecs-advanced-network',
  },
  publishToNuget: {
    dotNetNamespace: 'EcsAdvancedNetwork',
    packageId: 'EcsAdvancedNetwork',
  },
  publishToGo: {
    moduleName: 'github.com/ecs-advanced-network/ecs-advanced-network-go',
    packageName: 'ecsadvancednetwork',
  },

  devDeps: [
    '@aws-cdk/integ-tests-alpha@2.245.0-alpha.0',
    '@aws-cdk/integ-runner@^2.197.10',
    'cdk-nag@^3.0.2',
    '@cdklabs/cdk-validator-cfnguard@^0.0.62',
    // ts-node --swc: the integration apps, the example and the scripts transpile in a tenth of the time
    '@swc/core@^1.16.22',
  ],

  jestOptions: {
    // Snapshots must fail on drift: never rewrite them during `test`.
    updateSnapshot: UpdateSnapshot.NEVER,
    jestConfig: {
      testPathIgnorePatterns: ['/node_modules/', '/cdk.out/', '/examples/'],
      // Every core: jest's default is one worker fewer than the cores, one on a 2-core machine (docs/benchmark.md).
      maxWorkers: '100%',
      // Coverage is a report, not a test: it made the suite about 60 % slower (v8 coverage is converted
      // per test file for every source file). `npx projen test:coverage` writes it.
      collectCoverage: false,
      // no construct stack traces in the tests' apps: metadata only, a third of a network's build time (test/setup-env.ts)
      setupFiles: ['<rootDir>/test/setup-env.ts'],
    },
  },
  tsconfigDevFile: 'tsconfig.dev.json',
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'integ', 'example', 'scripts'],
    // Type-aware rules must see the tests, the integration apps and the scripts too.
    tsconfigPath: './tsconfig.dev.json',
  },
  tsconfigDev: {
    include: ['integ/**/*.ts', 'example/**/*.ts', 'scripts/**/*.ts', '.projenrc.ts', 'projenrc/**/*.ts'],
    // examples/<language> are consumer apps compiled against the built packages, not the sources
    exclude: ['node_modules', 'examples', 'cdk.out'],
    compilerOptions: {},
  },
  gitignore: [
    'cdk.out/', 'cdk-integ.out.*/', '/.venv/', '/.venv.lock', '/.venv-consumers/', '/.consumers-logs/', '/examples/*/cdk.out/',
    '__pycache__/', '/examples/java/target/', '/examples/typescript/node_modules/', '/examples/typescript/lib/',
    'integ/**/*.snapshot/asset.*/',
  ],
});

// The registry serves unrs-resolver 1.13.0 without its platform bindings, which breaks `npm ci`
// on the lockfile npm itself writes ("Missing: @unrs/resolver-binding-... from lock file"). Pin the
// last complete release.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// The npm tarball holds the library's build output and nothing else. An allow-list, because every
// other package embeds that tarball and a deny-list lets in whatever a tool leaves in the project
// (a Maven repository in ./root/.m2 once: 160 MB Python and Go packages). npm always adds
// package.json, README.md and LICENSE. `package:check` verifies what each package contains.
project.package.addField('files', ['lib/**/*.js', 'lib/**/*.d.ts', '.jsii', 'API.md']);

for (const pattern of [
  '/integ/', '/example/', '/examples/', '/scripts/', '/docs/', '/.ci/', '/validation/', '/api/', 'cdk.out/', 'integ.config.json',
  '/.venv/', '/.venv-consumers/', '/.consumers-logs/', '/coverage/', '/test-reports/',
]) {
  project.addPackageIgnore(pattern);
}

// Type-aware lint through one program (tsconfig.dev.json covers src, test, integ, example and scripts):
// the project service looks for the nearest tsconfig.json, which covers src only, and either rejects
// the other files or builds a program per file (minutes instead of seconds).
project.tryFindObjectFile('.eslintrc.json')?.addOverride('parserOptions.projectService', false);
project.tryFindObjectFile('.eslintrc.json')?.addOverride('parserOptions.project', './tsconfig.dev.json');

// The example, the integration apps and the scripts may use dev dependencies.
project.eslint?.addRules({
  'import/no-extraneous-dependencies': ['error', { devDependencies: ['**/test/**', '**/integ/**', '**/example/**', '**/scripts/**', '**/build-tools/**', '.projenrc.ts', 'projenrc/**/*.ts'], optionalDependencies: false, peerDependencies: true }],
});

// ---------------------------------------------------------------------------------------------
// Architecture rules for src/ (issue 25; CONTRIBUTING.md describes them). Kept in this one block.
// - `import/no-cycle`: no two files import each other at run time, directly or through others.
//   Type-only imports are erased by the compiler, so they may point anywhere: the rule skips them,
//   and `consistent-type-imports` writes every import used as a type only as `import type`, so that
//   the rule sees exactly the imports that load at run time.
// - Folder layers: a folder of src/ imports at run time only folders of the layers before its own,
//   so no two folders import each other; any folder may `import type` from any other.
// - The service core (src/services) and the lifecycle (src/lifecycle) run no capability code: from
//   the capability folders they import types only, and the public option classes and enums that a
//   service's options are made of.
// - The report's vocabulary (its public types and the rows a capability gives it, `Capability.reportRows`)
//   is what every capability's report rows are made of: any folder may import it at run time, and it
//   imports only types from other folders, so that it adds no path between them.
const SRC_LAYERS: string[][] = [
  ['private', 'limits'],
  ['flows'],
  ['network'],
  ['routing', 'discovery', 'segmentation', 'egress-domains'],
  ['services'],
  ['lifecycle'],
  ['ingress', 'network-load-balancers', 'deployments', 'capacity'],
  ['encryption'],
  ['observability'],
  ['report'],
];
/** The folders of capabilities, each one implementation of the lifecycle's hooks (src/capabilities.ts lists them). */
const CAPABILITY_FOLDERS = ['ingress', 'routing', 'network-load-balancers', 'discovery', 'segmentation', 'encryption', 'deployments', 'observability', 'capacity', 'egress-domains'];
/** What a service's options are made of: public classes and enums that the core may use at run time. */
const OPTION_VOCABULARY = ['discovery/discovery', 'segmentation/task-egress'];
/** The report's vocabulary, which the capabilities' report rows are made of: any folder may use it at run time. */
const REPORT_VOCABULARY = ['report/report-types', 'report/report-rows'];

const restrictedImports = (folder: string, extra: { group: string[]; message: string }[] = []) => {
  const later = SRC_LAYERS.slice(SRC_LAYERS.findIndex(layer => layer.includes(folder)) + 1).flat();
  const sameLayer = SRC_LAYERS.find(layer => layer.includes(folder))!.filter(f => f !== folder);
  const forbidden = [...sameLayer, ...later];
  const patterns = [
    ...(forbidden.length > 0 ? [{
      group: [...forbidden.map(f => `../${f}/*`), ...REPORT_VOCABULARY.map(f => `!../${f}`)],
      message: `src/${folder} may import these folders with \`import type\` only (the folder layers of .projenrc.ts).`,
    }] : []),
    ...extra,
  ];
  return patterns.length === 0 ? undefined : ['error', { patterns: patterns.map(p => ({ ...p, allowTypeImports: true })) }];
};
project.eslint?.addOverride({
  files: ['src/**/*.ts'],
  rules: {
    'import/no-cycle': 'error',
    '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
  },
});
// The two hubs stay orchestrators: a capability goes into its own folder, not into them.
for (const [file, max] of [['src/services/network-service.ts', 350], ['src/ecs-advanced-network.ts', 450]] as const) {
  project.eslint?.addOverride({ files: [file], rules: { 'max-lines': ['error', { max }] } });
}
for (const folder of SRC_LAYERS.flat()) {
  const core = folder === 'services' || folder === 'lifecycle';
  const rule = restrictedImports(folder, core ? [{
    group: [...CAPABILITY_FOLDERS.map(f => `../${f}/*`), '../*/*-capability', ...OPTION_VOCABULARY.map(f => `!../${f}`)],
    message: `src/${folder} runs no capability code: import types only, or the option classes (${OPTION_VOCABULARY.join(', ')}).`,
  }] : []);
  if (rule) project.eslint?.addOverride({ files: [`src/${folder}/**/*.ts`], rules: { '@typescript-eslint/no-restricted-imports': rule } });
}
project.eslint?.addOverride({
  files: REPORT_VOCABULARY.map(f => `src/${f}.ts`),
  rules: {
    '@typescript-eslint/no-restricted-imports': ['error', {
      patterns: [{ group: ['../*/*'], message: 'The report\'s vocabulary imports only types from other folders (any folder uses it at run time).', allowTypeImports: true }],
    }],
  },
});
// ---------------------------------------------------------------------------------------------

// .NET stays configured for a release machine; without a `dotnet` SDK it is skipped with one line.
const dotnet = project.tasks.tryFind('package:dotnet');
if (dotnet) {
  dotnet.reset('bash scripts/package-dotnet.sh');
}

// Go: the module proxy reachable here lacks versions that pacmak's `go mod tidy` wants (see
// examples/go/go.mod); generate the module source only, the consumer app builds and tests it.
project.tasks.tryFind('package:go')?.reset('jsii-pacmak -v --target go --code-only');
// Java, two settings:
// - Reuse the user's Maven repository, outside the project, instead of a fresh one per build. Written
//   `$HOME`: projen's task shell does not expand `${HOME}`, pacmak resolved the literal text against
//   the project folder and Maven expanded it in its settings file, so the repository (190 MB) landed
//   in ./root/.m2, where the Python and Go packaging steps packed it into their copy of the npm tarball.
// - Keep the POM's version ranges (aws-cdk-lib [2.257.0,3.0.0), as in package.json): pacmak runs
//   `versions:resolve-ranges` before the build, which pins every range to the newest release on Maven
//   Central (aws-cdk-lib 2.263.0 the last time), so a user on 2.257.0 got a dependency conflict.
project.tasks.tryFind('package:java')?.reset(
  'jsii-pacmak -v --target java --maven-local-repository $HOME/.m2/repository --mvn-define processDependencies=false',
);

// Every package is checked where it is built (here, in CI and in the workflows' package and release
// jobs): its size, that it holds only the library's own files, and that it asks for the aws-cdk-lib and
// constructs ranges of package.json. `package:check` checks all of them at once, after package-all.
for (const language of ['js', 'java', 'python', 'go']) {
  project.tasks.tryFind(`package:${language}`)?.exec(`python3 scripts/check-packages.py ${language}`);
}
project.addTask('package:check', {
  description: 'Print the size of every package in dist/ and fail on one too large, with files that are not the library\'s, or with other dependency ranges than package.json',
  exec: 'python3 scripts/check-packages.py',
});

// The release workflows cannot run on this machine: lint them, and run the release itself without
// its tests and without publishing (bump, changelog, every package) on a scratch clone of HEAD.
project.gitignore.addPatterns('/.tools/');
// a worktree's node_modules may be a symlink to another checkout's, which `node_modules/` (directories only) misses
project.gitignore.addPatterns('/node_modules');
project.addTask('workflows:lint', {
  description: 'Lint .github/workflows with actionlint and shellcheck (installed into .tools/ from the Go module proxy and PyPI)',
  exec: 'bash scripts/lint-workflows.sh',
});
project.addTask('release:dry', {
  description: 'Release HEAD without tests or publishing: bump and changelog from the commits, build and check every package, unbump',
  env: { MAJOR: String(MAJOR_VERSION) },
  exec: 'bash scripts/release-dry.sh',
});

// Public API compatibility: the assembly of the last accepted API is committed in api/baseline.tgz;
// `api:compat` fails on any breaking change against it (the library is experimental, so all changes
// count), `api:accept` records the current API as the new baseline, in a commit that says why.
project.gitignore.addPatterns('/.api-baseline/', '!/api/baseline.tgz');
project.addTask('api:compat', {
  description: 'Fail when the public API breaks compatibility with api/baseline.tgz (run after compile)',
  exec: 'bash scripts/api-compat.sh',
});
project.addTask('api:accept', {
  description: 'Record the current public API (.jsii) as the compatibility baseline',
  exec: 'bash scripts/api-accept.sh',
});

// The boundary checks' prop tables against the assembly jsii just wrote: a prop of the public API
// without its entry in src/prop-tables.ts fails the compile (CI compiles on every run).
project.compileTask.exec('ts-node --swc --project tsconfig.dev.json scripts/check-prop-tables.ts');

// Speed and size, measured (not a timed test): synthesis time, memory and resources for 1 to 100
// services against a hand-wired aws-cdk-lib baseline. Results go to docs/benchmark.md.
project.addTask('bench', {
  description: 'Benchmark synthesis of 1, 10, 50 and 100 services against a hand-wired baseline',
  exec: 'ts-node --swc --project tsconfig.dev.json scripts/bench.ts',
});

// The README's test command measured as a new contributor meets it (fresh clone, npm ci, npx projen test):
// prints wall and CPU time and each group's duration, for docs/benchmark.md ("The test command").
project.addTask('bench:test', {
  description: 'Measure `npm ci` and `npx projen test` on a fresh clone of HEAD (prints the figures; never fails on a duration)',
  exec: 'bash scripts/bench-test-command.sh',
});

// Consumer apps: the freshly built packages in dist/ used from TypeScript, Python, Java and Go.
project.addTask('test:consumers', {
  description: 'Use the TypeScript, Python, Java and Go packages in dist/ as users do, synthesize, and assert on the templates',
  exec: 'bash scripts/consumers/run.sh',
});

// The main job: synthesize the bundled example network into cdk.out (no AWS account) and print what it built.
project.addTask('example', {
  description: 'Synthesize the bundled example network into cdk.out and print what it built',
  exec: 'ts-node --swc --project tsconfig.dev.json example/main.ts',
});

// Integration tests: snapshots are written and verified with --dry-run only. integ-runner deploys a
// test whose snapshot is missing or differs (CONTRIBUTING.md, "Snapshots and the API"), and the
// development machines and CI have no AWS account: it would fail on "Unable to resolve AWS account".
// AWS_REGION: without it, the CDK toolkit inside integ-runner asks the EC2 instance metadata service
// for a Region, eight times with a timeout, before every app (7 of each app's 10 s, on a machine
// outside EC2); the apps' stacks name no environment, so their templates do not change.
const integUpdate = project.addTask('integ:update', {
  description: 'Write the integration snapshots (synthesizes only, never deploys)',
  exec: 'integ-runner --update-on-failed --dry-run --max-workers 2',
  env: { AWS_REGION: 'us-east-1' },
});
const integVerify = project.addTask('integ:verify', {
  description: 'Fail with a diff when the integration snapshots drift from what the code synthesizes (never deploys)',
});
integVerify.spawn(integUpdate);
integVerify.exec('git add --intent-to-add integ && git diff --exit-code --stat -- integ && git diff --exit-code -- integ \':(exclude)integ/**/asset.*\'');

// Validators that nobody here wrote, run on every integration snapshot template.
const validate = project.addTask('validate', {
  description: 'Judge the integration snapshot templates with cfn-guard (Control Tower rules), cfn-lint and checkov',
});
const validatorsInstall = project.addTask('validators:install', {
  description: 'Install cfn-lint and checkov into .venv (a no-op when they are up to date)',
  exec: 'bash scripts/validators/install.sh',
});
validate.spawn(validatorsInstall);
validate.exec('ts-node --swc --project tsconfig.dev.json scripts/validators/run.ts');

// The README's test command: jest, eslint, and the integration snapshots followed by the validators,
// side by side (scripts/parallel.sh), so that both cores stay busy until the last of them ends.
// projen puts jest and eslint into the test task: keep jest as `test:unit`, for running a few suites.
const unit = project.addTask('test:unit', {
  description: 'Run the jest tests (give paths or a pattern to run some of them)',
  exec: 'jest --passWithNoTests --ci',
  receiveArgs: true,
});
project.addTask('test:coverage', {
  description: 'Run the jest tests with a coverage report in coverage/',
  exec: 'jest --passWithNoTests --ci --coverage',
  receiveArgs: true,
});
project.testTask.reset();
// The integration snapshots and the validators take longest one after the other: the validators'
// install runs after eslint, in the group that ends first, so that `validate` finds it done.
project.testTask.exec(`bash scripts/parallel.sh ${unit.name} 'eslint ${validatorsInstall.name}' '${integVerify.name} ${validate.name}'`);

project.synth();
