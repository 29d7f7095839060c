import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { EcsAdvancedNetwork } from '../../src';
import { homePriority } from '../../src/routing/priorities';
import { IMAGE } from '../helpers/network';

/** Path-routed services `/<name>/*` on one listener; returns each service's rule priority. */
function synth(file: string, names: string[]): { [name: string]: number } {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  const network = new EcsAdvancedNetwork(stack, 'Network', { assignmentsFile: file, monitoring: { enabled: false }, report: { writeToAssembly: false } });
  names.forEach(name => network.addService(name, { image: IMAGE, containerPort: 80, routing: { pathPatterns: [`/${name}/*`] } }));
  app.synth();
  return Object.fromEntries(network.services.map(s => [s.serviceName, s.priority!]));
}

/** Names `s0000`, `s0001`... of which the first two hash to the same priority. */
function namesWithClash(count: number): string[] {
  const seen = new Map<number, string>();
  const names: string[] = [];
  for (let i = 0; names.length < count || seen.size === i; i++) {
    const name = `s${String(i).padStart(4, '0')}`;
    const p = homePriority({ hostHeaders: [], pathPatterns: [`/${name}/*`] }, `${name}/ListenerRule`);
    if (seen.has(p) && names.length === 0) names.push(seen.get(p)!, name);
    seen.set(p, name);
  }
  return names;
}

describe('assignmentsFile', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assignments-'));
    file = path.join(dir, 'ecs-advanced-network.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('routes whose names hash alike get the next free number, and the file keeps it', () => {
    const [a, b] = namesWithClash(2);
    const first = synth(file, [a, b]);
    expect(first[b]).not.toBe(first[a]);
    const recorded = JSON.parse(fs.readFileSync(file, 'utf8'))['Stack/Network']['priorities/LoadBalancer'];
    expect(recorded).toEqual({ [`${a}/ListenerRule`]: first[a], [`${b}/ListenerRule`]: first[b] });
    // the service that won the hash is removed: the other keeps the number it is deployed with
    expect(synth(file, [b])[b]).toBe(first[b]);
  });

  test('the number of a removed service stays reserved: a new route never takes it while the old rule awaits deletion', () => {
    const [a, b] = namesWithClash(2);
    const before = synth(file, [a]);
    // a renamed to b in one deploy: b's own number is a's, which the deleted rule holds until cleanup
    const after = synth(file, [b]);
    expect(after[b]).not.toBe(before[a]);
  });

  test('a second synthesis gives the same numbers and leaves the file as it was', () => {
    const names = namesWithClash(2);
    synth(file, names);
    const written = fs.readFileSync(file, 'utf8');
    const mtime = fs.statSync(file).mtimeMs;
    synth(file, [...names].reverse());
    expect(fs.readFileSync(file, 'utf8')).toBe(written);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
  });

  test('a route that leaves its specificity keeps its old number reserved for others, and takes it back when it returns', () => {
    const build = (pathPatterns: string[], hostHeaders?: string[]) => {
      const app = new App();
      const network = new EcsAdvancedNetwork(new Stack(app, 'Stack'), 'Network', { assignmentsFile: file, monitoring: { enabled: false }, report: { writeToAssembly: false } });
      const svc = network.addService('a', { image: IMAGE, containerPort: 80, routing: { pathPatterns, hostHeaders } });
      app.synth();
      return svc.priority!;
    };
    const first = build(['/a/*']);
    const moved = build(['/a/*'], ['a.example.com']);
    expect(moved).not.toBe(first);
    const recorded = JSON.parse(fs.readFileSync(file, 'utf8'))['Stack/Network']['priorities/LoadBalancer'];
    expect(recorded).toEqual({ 'a/ListenerRule': moved, [`a/ListenerRule@${first}`]: first });
    expect(build(['/a/*'])).toBe(first);
  });

  test('a file that is not JSON is a clear error, not a silent reset', () => {
    fs.writeFileSync(file, '{ not json');
    expect(() => synth(file, ['a'])).toThrow(/assignmentsFile.*is not valid JSON.*Restore the file from version control/);
  });

  test('a file that holds no JSON object is a clear error', () => {
    fs.writeFileSync(file, '[1, 2]');
    expect(() => synth(file, ['a'])).toThrow(/`assignmentsFile` must hold a JSON object, got: .*ecs-advanced-network\.json.*Restore the file from version control/);
  });

  test('without a file nothing is written', () => {
    const app = new App();
    const network = new EcsAdvancedNetwork(new Stack(app, 'Stack'), 'Network', { monitoring: { enabled: false }, report: { writeToAssembly: false } });
    network.addService('a', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/a/*'] } });
    app.synth();
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
