import { InstitutionApi } from '@rxchain/chaincode/dist/shared';
import type { AppDeps } from '../deps';
import { txRoute, type AnyRoute } from '../http/route';

/** The registry of designated institutions (XR-03, CR-04) and sanctions on their agreements (CR-10). */
export function institutionRoutes(_deps: AppDeps): AnyRoute[] {
  return [
    txRoute({
      method: 'post',
      path: '/institutions',
      operationId: 'registerInstitution',
      summary: 'Designate a hospital, community clinic or pharmacy of the insurer’s own region, with its agreement (insurer)',
      tag: 'institutions',
      tx: InstitutionApi.Register,
      resultKey: 'institution',
      success: { status: 201, description: 'The institution record, tx id and block number' },
      errors: [409],
    }),
    txRoute({
      method: 'get',
      path: '/institutions/:id',
      operationId: 'getInstitution',
      summary: 'A designated institution: kind, level, grade, agreement and sanctions',
      tag: 'institutions',
      tx: InstitutionApi.Get,
      pathArgs: { id: 'institutionId' },
      success: { status: 200, description: 'The institution record' },
      errors: [404],
    }),
    txRoute({
      method: 'get',
      path: '/regions/:region/institutions',
      operationId: 'listInstitutions',
      summary: 'The designated institutions of a region, in id order',
      tag: 'institutions',
      tx: InstitutionApi.ListByRegion,
      success: { status: 200, description: '{records, bookmark, fetchedCount}' },
    }),
    txRoute({
      method: 'post',
      path: '/institutions/:id/agreement',
      operationId: 'updateInstitution',
      summary: 'Change an institution’s name, level or grade, or renew its agreement (insurer of its region); a suspension stays',
      tag: 'institutions',
      tx: InstitutionApi.Update,
      pathArgs: { id: 'institutionId' },
      resultKey: 'institution',
      success: { status: 200, description: 'The updated institution record, tx id and block number' },
      errors: [404, 409],
    }),
    txRoute({
      method: 'post',
      path: '/institutions/:id/suspension',
      operationId: 'suspendInstitution',
      summary: 'Suspend an institution’s agreement through a date (insurer of its region or investigator); its staff cannot issue, dispense or claim meanwhile',
      tag: 'institutions',
      tx: InstitutionApi.Suspend,
      pathArgs: { id: 'institutionId' },
      resultKey: 'institution',
      success: { status: 200, description: 'The suspended institution record, tx id and block number' },
      errors: [404, 409],
    }),
    txRoute({
      method: 'post',
      path: '/institutions/:id/revocation',
      operationId: 'revokeInstitution',
      summary: 'Revoke an institution’s agreement for good (insurer of its region or investigator)',
      tag: 'institutions',
      tx: InstitutionApi.Revoke,
      pathArgs: { id: 'institutionId' },
      resultKey: 'institution',
      success: { status: 200, description: 'The revoked institution record, tx id and block number' },
      errors: [404, 409],
    }),
  ];
}
