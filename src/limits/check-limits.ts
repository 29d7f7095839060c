import * as fs from 'fs';
import * as path from 'path';
import { Annotations, attachCustomSynthesis, CfnResource, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { IConstruct } from 'constructs';
import { Construct } from 'constructs';
import type { AwsLimit, LimitOverflow } from './aws-limits';
import { AWS_LIMITS, describeOverflow } from './aws-limits';

const PLACEMENT_FIX = 'Place fewer services per stack: set `servicePlacement.nestedStacks` before the first deploy, or give new services a `nestedStack` of their own (moving a deployed service replaces it).';

/** The CloudFormation limits that a template as written exceeds. */
export function templateOverflows(where: string, template: any, bytes: number): LimitOverflow[] {
  const counts: [AwsLimit, number][] = [
    [AWS_LIMITS.templateBytes, bytes],
    [AWS_LIMITS.resources, Object.keys(template.Resources ?? {}).length],
    [AWS_LIMITS.parameters, Object.keys(template.Parameters ?? {}).length],
    [AWS_LIMITS.outputs, Object.keys(template.Outputs ?? {}).length],
    [AWS_LIMITS.mappings, Object.keys(template.Mappings ?? {}).length],
  ];
  const overflows: LimitOverflow[] = counts.filter(([limit, actual]) => actual > limit.value).map(([limit, actual]) => ({ limit, where, actual }));
  for (const [id, resource] of Object.entries<any>(template.Resources ?? {})) {
    if (resource.Type !== 'AWS::CloudWatch::Dashboard') continue;
    const widgets = widgetCount(resource.Properties?.DashboardBody);
    if (widgets > AWS_LIMITS.dashboardWidgets.value) {
      overflows.push({ limit: AWS_LIMITS.dashboardWidgets, where: `Dashboard ${id} in ${where}`, actual: widgets });
    }
  }
  return overflows;
}

/** The widgets of a dashboard body as CDK writes it (a string, or an `Fn::Join` of strings and references): each starts `{"type":"`. */
export function widgetCount(body: unknown): number {
  const text = typeof body === 'string' ? body : JSON.stringify((body as any)?.['Fn::Join']?.[1]?.filter((p: unknown) => typeof p === 'string') ?? []);
  return (text.match(/\{\\?"type\\?":/g) ?? []).length;
}

/** The number of rules of each security group under `roots`, per direction, keyed by the group's construct path. */
export function securityGroupRuleCounts(roots: IConstruct[]): { group: string; ingress: number; egress: number }[] {
  const groups = new Map<string, { group: string; ingress: number; egress: number }>();
  // one walk of the tree for both kinds (groups first: a standalone rule counts toward a group found anywhere)
  const cfnGroups: ec2.CfnSecurityGroup[] = [];
  const standaloneRules: (ec2.CfnSecurityGroupIngress | ec2.CfnSecurityGroupEgress)[] = [];
  for (const c of roots.flatMap(r => r.node.findAll())) {
    if (c instanceof ec2.CfnSecurityGroup) cfnGroups.push(c);
    else if (c instanceof ec2.CfnSecurityGroupIngress || c instanceof ec2.CfnSecurityGroupEgress) standaloneRules.push(c);
  }
  for (const g of cfnGroups) {
    const resolve = (v: unknown) => Stack.of(g).resolve(v);
    groups.set(g.attrGroupId, {
      group: g.node.scope!.node.path,
      ingress: arrayLength(resolve(g.securityGroupIngress)),
      // the placeholder rule of a group without outbound rules is no rule
      egress: (resolve(g.securityGroupEgress) as any[] | undefined ?? []).filter(r => r?.description !== 'Disallow all traffic').length,
    });
  }
  for (const c of standaloneRules) {
    const counts = groups.get(c.groupId ?? '');
    if (counts && c instanceof ec2.CfnSecurityGroupIngress) counts.ingress += 1;
    if (counts && c instanceof ec2.CfnSecurityGroupEgress) counts.egress += 1;
  }
  return [...groups.values()];
}

function arrayLength(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

/**
 * Checks the deploy-time limits of a network on what synthesis wrote: template size and counts for
 * the network's stack and each of its nested stacks (an error), and the rules of every security
 * group of the network per direction (a warning naming the quota, which can be raised).
 */
export function checkDeployLimits(network: IConstruct): void {
  network.node.addValidation({
    validate: () => {
      for (const counts of securityGroupRuleCounts([network])) {
        for (const direction of ['ingress', 'egress'] as const) {
          const actual = counts[direction];
          if (actual <= AWS_LIMITS.securityGroupRulesPerDirection.value) continue;
          Annotations.of(network).addWarningV2('ecs-advanced-network:securityGroupRules', describeOverflow(
            { limit: AWS_LIMITS.securityGroupRulesPerDirection, where: `Security group ${counts.group} (${direction})`, actual },
            'Request a quota increase before deploying (rules x security groups per network interface may not exceed 1,000), or declare fewer calls to one service.'));
        }
      }
      return [];
    },
  });
  const stage = Stage.of(network);
  if (!stage) return;
  // the last child of the stage, so that it runs after every stack that holds a network has written its
  // template (a stage synthesizes its children in order): re-added behind each new network's stack
  const networks = [...((stage.node.tryFindChild(CHECKER_ID) as TemplateLimitsCheck | undefined)?.networks ?? []), network];
  stage.node.tryRemoveChild(CHECKER_ID);
  new TemplateLimitsCheck(stage, CHECKER_ID).networks.push(...networks);
}

const CHECKER_ID = 'EcsAdvancedNetworkDeployLimits';

/**
 * Warns when the network allocates more Elastic IP addresses than the default quota of the region:
 * those of the NAT gateways (the ones the network allocates, not the allocation IDs given) and of
 * the internet-facing Network Load Balancers with `ElasticIps.allocate()`, counted in the tree once
 * both exist.
 */
export function checkElasticIpQuota(network: IConstruct): void {
  const actual = network.node.findAll().filter(c => c instanceof ec2.CfnEIP).length;
  const limit = AWS_LIMITS.elasticIpsPerRegion;
  if (actual <= limit.value) return;
  Annotations.of(network).addWarningV2('ecs-advanced-network:elasticIps', describeOverflow({ limit, where: 'The network', actual },
    'Request a quota increase before deploying (other VPCs of the region use the same quota), or use fewer Availability Zones, ' +
    'NAT gateways or Network Load Balancers with `ElasticIps.allocate()`.'));
}

/**
 * Reads the templates of the networks of a stage as synthesis wrote them. A child of the stage, added
 * after the stacks that hold the networks, so that their templates exist when it runs.
 */
class TemplateLimitsCheck extends Construct {
  public readonly networks: IConstruct[] = [];

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // the same hook as the network report; this one only reads
    attachCustomSynthesis(this, { onSynthesize: session => this.check(session.outdir) });
    // before synthesis: aws-cdk-lib refuses more than 500 resources in a stack with a message that does
    // not say what to change here
    this.node.addValidation({ validate: () => this.resourceCounts() });
  }

  /** The stacks of the networks over the resource limit, counted in the construct tree. */
  private resourceCounts(): string[] {
    const counts = new Map<Stack, number>();
    for (const root of new Set(this.networks.map(n => Stack.of(n)))) {
      for (const c of root.node.findAll()) {
        if (CfnResource.isCfnResource(c)) counts.set(Stack.of(c), (counts.get(Stack.of(c)) ?? 0) + 1);
      }
    }
    const limit = AWS_LIMITS.resources;
    return [...counts].filter(([, n]) => n > limit.value)
      .map(([stack, n]) => describeOverflow({ limit, where: `Stack ${stack.node.path}`, actual: n }, PLACEMENT_FIX));
  }

  private check(outdir: string): void {
    const messages: string[] = [];
    for (const network of this.networks) {
      for (const stack of [Stack.of(network), ...network.node.findAll().filter(NestedStack.isNestedStack)]) {
        const file = path.join(outdir, stack.templateFile);
        if (!fs.existsSync(file)) {
          throw new Error(`ecs-advanced-network: the template of ${stack.node.path} was not written before the deploy-limits check (${stack.templateFile}); please report this.`);
        }
        const text = fs.readFileSync(file, 'utf-8');
        for (const o of templateOverflows(`Stack ${stack.node.path} (${stack.templateFile})`, JSON.parse(text), Buffer.byteLength(text))) {
          messages.push(describeOverflow(o, PLACEMENT_FIX));
        }
      }
    }
    if (messages.length > 0) {
      throw new Error(`ecs-advanced-network: the synthesized templates would fail to deploy:\n  ${messages.join('\n  ')}`);
    }
  }
}
