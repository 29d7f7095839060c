import * as fs from 'fs';
import * as path from 'path';
import { guardRuleTypes, selectGuardRules } from '../../scripts/validators/parsers';

const RULES = path.join(path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json')), 'rules', 'control-tower', 'cfn-guard');

describe('cfn-guard rule selection', () => {
  test('a rule file names the resource types it selects', () => {
    const text = fs.readFileSync(path.join(RULES, 'ecs', fs.readdirSync(path.join(RULES, 'ecs')).find(f => f.endsWith('.guard'))!), 'utf-8');
    expect(guardRuleTypes(text).length).toBeGreaterThan(0);
    expect(guardRuleTypes(text).every(t => /^AWS::ECS::/.test(t))).toBe(true);
  });

  test('a rule is kept when the template has one of its types, dropped when it has none', () => {
    const rules = [
      { file: 'ecs', types: ['AWS::ECS::Service', 'AWS::ECS::TaskDefinition'] },
      { file: 'rds', types: ['AWS::RDS::DBInstance'] },
      { file: 'any', types: [] },
    ];
    expect(selectGuardRules(rules, new Set(['AWS::ECS::Service', 'AWS::EC2::VPC'])).map(r => r.file)).toEqual(['ecs', 'any']);
    expect(selectGuardRules(rules, new Set(['AWS::RDS::DBInstance'])).map(r => r.file)).toEqual(['rds', 'any']);
  });

  test('every bundled rule file names at least one full resource type (the selection can rely on them)', () => {
    const files = fs.readdirSync(RULES).flatMap(d => (fs.statSync(path.join(RULES, d)).isDirectory()
      ? fs.readdirSync(path.join(RULES, d)).filter(f => f.endsWith('.guard')).map(f => path.join(RULES, d, f)) : []));
    expect(files.length).toBeGreaterThan(200);
    // a type written any other way (a regex, a prefix) would be missed, and its rule dropped
    const unread = files.filter(f => {
      const text = fs.readFileSync(f, 'utf-8');
      return guardRuleTypes(text).length === 0 || text.replace(/AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/g, '').includes('AWS::');
    });
    expect(unread.map(f => path.relative(RULES, f))).toEqual([]);
  });
});
