import { type ReactNode, useId } from "react";
import { Link } from "react-router-dom";

export type SideNavItem = {
  path: string;
  icon: ReactNode;
  label: string;
};

export type SideNavGroup = {
  /** Heading above the group's links; omitted for the first group. */
  title?: string;
  items: SideNavItem[];
};

export type SideNavProps = {
  label: string;
  groups: SideNavGroup[];
  /** Path of the link to mark as the current page. */
  selectedPath: string;
  /** Icons only, with the label kept for screen readers and as a tooltip. */
  collapsed: boolean;
};

// Links styled like Ant Design's inline Menu. The Menu itself, with the Tooltip and form
// code it imports, would add about 30 KB gzip to the JavaScript every page loads first.
/** Render the side navigation as lists of links, grouped under optional headings. */
export function SideNav({ label, groups, selectedPath, collapsed }: SideNavProps) {
  const idPrefix = useId();
  return (
    <nav aria-label={label} className={collapsed ? "side-nav is-collapsed" : "side-nav"}>
      {groups.map((group, index) => (
        <div key={group.title ?? index} className="side-nav-group">
          {group.title && (
            <div id={`${idPrefix}-${index}`} className="side-nav-group-title">
              {group.title}
            </div>
          )}
          <ul aria-labelledby={group.title ? `${idPrefix}-${index}` : undefined}>
            {group.items.map((item) => {
              const selected = item.path === selectedPath;
              return (
                <li key={item.path}>
                  <Link
                    to={item.path}
                    className={selected ? "side-nav-link is-selected" : "side-nav-link"}
                    aria-current={selected ? "page" : undefined}
                    title={collapsed ? item.label : undefined}
                  >
                    <span className="side-nav-icon" aria-hidden>
                      {item.icon}
                    </span>
                    <span className="side-nav-label">{item.label}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
