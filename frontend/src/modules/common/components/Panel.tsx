import type { ReactNode } from "react";

export type PanelProps = {
  /** Heading of the panel, rendered as an <h2>; omitted for a panel that shows one figure. */
  title?: ReactNode;
  className?: string;
  children: ReactNode;
};

// Looks like Ant Design's Card, which the login page and the dashboard cannot afford: Card
// imports the Tabs component and adds about 13 KB gzip to the JavaScript those routes load.
/** White bordered box with an optional heading, for the login page and the dashboard. */
export function Panel({ title, className, children }: PanelProps) {
  return (
    <section className={className ? `panel ${className}` : "panel"}>
      {title !== undefined && <h2 className="panel-title">{title}</h2>}
      <div className="panel-body">{children}</div>
    </section>
  );
}
