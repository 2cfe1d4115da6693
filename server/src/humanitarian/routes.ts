/** The humanitarian picture's routes: IDP sites, hazards, 3W activities, access constraints. */
import type { AppContext } from '../context.js';
import type { Api } from '../http/api.js';
import { accessRoutes } from './access/access.routes.js';
import { activityRoutes } from './activities/activity.routes.js';
import { hazardRoutes } from './hazards/hazard.routes.js';
import { idpSiteRoutes } from './idp-sites/idp-site.routes.js';

export function humanitarianRoutes(app: Api, ctx: AppContext): void {
  idpSiteRoutes(app, ctx);
  hazardRoutes(app, ctx);
  activityRoutes(app, ctx);
  accessRoutes(app, ctx);
}
