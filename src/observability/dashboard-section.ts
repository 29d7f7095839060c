import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/** A widget of a section, rendered only once it has something to show. */
interface SectionPart {
  readonly widget: cloudwatch.IWidget;
  readonly hasContent: () => boolean;
}

/**
 * A titled dashboard section whose widgets are laid out when the dashboard body is rendered (at
 * synthesis), after every service has been added. Widgets without content are left out, and a
 * section without any is left out entirely: CloudWatch rejects a graph without metrics.
 */
export class DashboardSection implements cloudwatch.IWidget {
  public readonly width = cloudwatch.GRID_WIDTH;
  private readonly parts: SectionPart[] = [];
  private cache?: { key: string; layout?: cloudwatch.IWidget };

  constructor(private readonly title: string, private readonly description?: string) {}

  /** Adds a graph that is shown once it has a metric. */
  public addGraph(props: cloudwatch.GraphWidgetProps): SectionGraph {
    const graph = new SectionGraph(props);
    this.parts.push({ widget: graph.widget, hasContent: () => graph.metricCount > 0 });
    return graph;
  }

  /** Adds a widget, shown whenever `hasContent` says so at synthesis. */
  public addWidget(widget: cloudwatch.IWidget, hasContent: () => boolean = () => true): void {
    this.parts.push({ widget, hasContent });
  }

  public get height(): number {
    return this.layout()?.height ?? 0;
  }

  public position(x: number, y: number): void {
    this.layout()?.position(x, y);
  }

  public toJson(): any[] {
    return this.layout()?.toJson() ?? [];
  }

  /** The section as a column (title, then rows of widgets), rebuilt only when what is visible changes. */
  private layout(): cloudwatch.IWidget | undefined {
    const visible = this.parts.filter(p => p.hasContent());
    const key = visible.map(p => this.parts.indexOf(p)).join(',');
    if (this.cache?.key !== key) {
      const markdown = this.description ? `## ${this.title}\n${this.description}` : `## ${this.title}`;
      const layout = visible.length === 0 ? undefined : new cloudwatch.Column(
        new cloudwatch.TextWidget({ markdown, width: cloudwatch.GRID_WIDTH, height: this.description ? 2 : 1 }),
        new cloudwatch.Row(...visible.map(p => p.widget)),
      );
      this.cache = { key, layout };
    }
    return this.cache.layout;
  }
}

/** A graph of a section that counts its metrics. */
export class SectionGraph {
  public readonly widget: cloudwatch.GraphWidget;
  private count = 0;

  constructor(props: cloudwatch.GraphWidgetProps) {
    this.widget = new cloudwatch.GraphWidget(props);
    this.count = (props.left?.length ?? 0) + (props.right?.length ?? 0);
  }

  public get metricCount(): number {
    return this.count;
  }

  public addLeft(metric: cloudwatch.IMetric): void {
    this.widget.addLeftMetric(metric);
    this.count++;
  }
}
