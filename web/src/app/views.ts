/**
 * The views of the app: path, navigation label and the permission that shows it. A view a
 * user's permissions do not allow is neither in the navigation nor reachable by its path.
 * Views for sites, incidents, the humanitarian picture and force generation are added here as
 * their APIs land: one entry and one lazily loaded module each.
 */
import type { Me } from '@konbit/core';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { allowedFor } from './permissions';

/** What a view receives from the shell. */
export interface ViewProps {
  readonly me: Me;
}

export interface View {
  readonly path: string;
  /** Key in the `common` namespace under `nav.`. */
  readonly label: string;
  /** The permission (from `/api/v1/auth/me`) a user needs; any of them when several. */
  readonly requires?: readonly string[];
  /** False for views reached from another view, not from the navigation. */
  readonly inNav?: boolean;
  readonly component: LazyExoticComponent<ComponentType<ViewProps>>;
}

/** The dashboard is the first screen after sign-in: its chunk is fetched while signing in. */
export const loadDashboard = () => import('../features/dashboard/Dashboard');

export const VIEWS: readonly View[] = [
  { path: '/', label: 'dashboard', component: lazy(loadDashboard) },
  { path: '/map', label: 'map', component: lazy(() => import('../map/MapView')) },
  {
    path: '/report',
    label: 'report',
    requires: ['incident.create'],
    component: lazy(() => import('../features/report/ReportForm')),
  },
  {
    path: '/figures/new',
    label: 'newFigure',
    requires: ['figure.create'],
    component: lazy(() => import('../features/figures/NewFigure')),
  },
  {
    path: '/outbox',
    label: 'outbox',
    requires: ['incident.create', 'figure.create'],
    component: lazy(() => import('../features/outbox/OutboxView')),
  },
  {
    path: '/desk',
    label: 'desk',
    requires: ['incident.verify'],
    component: lazy(() => import('../features/desk/IncidentDesk')),
  },
  {
    path: '/humanitarian',
    label: 'humanitarian',
    component: lazy(() => import('../features/humanitarian/HumanitarianView')),
  },
  {
    path: '/import',
    label: 'import',
    requires: ['import.hxl'],
    component: lazy(() => import('../features/humanitarian/ImportView')),
  },
  {
    path: '/sites',
    label: 'sites',
    // Mission roles: those who report a site's posture.
    requires: ['site.status'],
    component: lazy(() => import('../features/operations/SiteBoard')),
  },
  {
    path: '/force',
    label: 'force',
    component: lazy(() => import('../features/operations/ForcePage')),
  },
  { path: '/feed', label: 'feed', component: lazy(() => import('../features/feed/LiveFeed')) },
];

export function allowed(view: View, me: Me): boolean {
  return allowedFor(view.requires, me);
}
