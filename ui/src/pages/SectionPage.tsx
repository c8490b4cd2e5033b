import type { ReactNode } from 'react';
import type { Role } from '../session';

export interface Section {
  path: string;
  title: string;
  /** What the page is for. */
  purpose: string;
  /** How the first item will get here. */
  firstStep: string;
  /** The least role the navigation shows it to; everyone when absent. */
  least?: Role;
}

export const SECTIONS: readonly Section[] = [
  {
    path: 'dashboards',
    title: 'Dashboards',
    purpose:
      'A dashboard puts the charts and tables of several saved queries on one page, so your team sees the numbers it cares about at a glance.',
    firstStep:
      'There are no dashboards yet. Save a query on the Queries page first; you will then be able to create a dashboard here and add that query’s chart to it.',
  },
  {
    path: 'reports',
    title: 'Reports',
    purpose: 'A report is a saved query with a chart, table or number to show it.',
    firstStep: 'There are no reports yet. Choose New report, write a query, run it, and save it with a name.',
  },
  {
    path: 'queries',
    title: 'Queries',
    least: 'MEMBER',
    purpose:
      'Queries are the SQL statements you write against your data sources: run them, see and export the rows, and find them again in your history.',
    firstStep:
      'There are no saved queries yet. Once a data source is connected, you will write your first query here, run it, and save it with a name.',
  },
  {
    path: 'datasources',
    title: 'Data sources',
    purpose:
      'A data source is a database Sightline can read from. Queries run against one data source, with the credentials stored here.',
    firstStep:
      'No data source is connected yet. Connect your PostgreSQL, MariaDB/MySQL, Derby or H2 database: choose Add data source, enter its host, port and a database user, then Test connection checks each step before you save.',
  },
  {
    path: 'models',
    title: 'Models',
    purpose:
      'A semantic model names the tables, joins, dimensions and metrics of a data source, so reports can be built by picking fields instead of writing SQL.',
    firstStep:
      'There are no models yet. An Admin or Owner adds one: pick the data source, its tables and how they join, then the dimensions to group by and the metrics to compute.',
  },
  {
    path: 'alerts',
    title: 'Alerts',
    least: 'ADMIN',
    purpose:
      'Alerts run a query on a schedule and tell you when its result crosses a threshold you set, for example when daily sign-ups fall below 100.',
    firstStep:
      'There are no alerts yet. Choose New alert, pick a data source, write the query to watch, say when it should alert and how often to check.',
  },
  {
    path: 'schedules',
    title: 'Schedules',
    least: 'ADMIN',
    purpose:
      'Schedules keep things fresh without anyone waiting: they read data sources’ schemas anew, warm dashboards’ caches, refresh saved filters’ values, check alerts and clean up.',
    firstStep:
      'There are no schedules yet. Choose New schedule to refresh a data source’s schema, pre-warm a dashboard or refresh a saved filter at a fixed interval or at set times.',
  },
  {
    path: 'admin',
    title: 'Admin',
    purpose:
      'Administration covers the people who can sign in to Sightline, their roles, and the settings of this server.',
    firstStep:
      'Start with Members: invite the first colleague by email address, and choose whether they may edit or only view.',
  },
];

export function SectionPage({ section }: { section: Section }) {
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title" data-testid="page-title">
        {section.title}
      </h1>
      <div className="empty-state" data-testid="empty-state">
        <p>{section.purpose}</p>
        <p>{section.firstStep}</p>
      </div>
    </section>
  );
}

/** A section's heading with its main action beside it, what it is for, and a status line. */
export function SectionHead({ section, action, status }: { section: Section; action: ReactNode; status: string | null }) {
  return (
    <>
      <div className="page-head">
        <h1 id="page-title" data-testid="page-title">
          {section.title}
        </h1>
        {action}
      </div>
      <p>{section.purpose}</p>
      <p role="status" className="status-line" data-testid="form-message">
        {status}
      </p>
    </>
  );
}

/** What a role that may not use a section sees instead: what it is for and who may. Nothing is requested. */
export function RestrictedPage({ section, title = section.title, testId, children }: { section: Section; title?: string; testId: string; children: ReactNode }) {
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title" data-testid="page-title">
        {title}
      </h1>
      <p>{section.purpose}</p>
      <div className="form-notice" data-testid={testId}>
        {children}
      </div>
    </section>
  );
}
