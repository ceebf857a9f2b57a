import { type Static } from '@sinclair/typebox';
import crypto from 'node:crypto';
import { Closed, InvestigationApi, Region } from '@rxchain/chaincode/dist/shared';
import type { AppDeps } from '../deps';
import { ApiError } from '../http/api-error';
import { plainRoute, txRoute, type AnyRoute } from '../http/route';
import { hashPassword } from '../sessions/password-hash';
import { Password, checkPassword } from './users';

const NewObserverBody = Closed({ region: Region, password: Password });

/** A fresh pseudonymous observer id: nothing of the person in it. */
const newObserverId = (): string => `OBS-${crypto.randomBytes(8).toString('hex').toUpperCase()}`;

/**
 * Patient observers (FT-05), gateway-only identities: an investigator (or an admin of the org
 * that hosts the observer service identity) creates one with a password and hands its
 * pseudonymous id out; the observer signs in like staff (POST /sessions with the id as user
 * name). Its reads and remarks reach the chain through the observer service identity (role
 * observer), naming the observer; the Investigation contract checks that the case names it.
 * The region's monthly aggregates are /oversight/regions/:region/monthly (its own region).
 */
export function observerRoutes({ identities }: AppDeps): AnyRoute[] {
  return [
    plainRoute({
      method: 'post',
      path: '/observers',
      operationId: 'createObserver',
      summary: 'Create a patient observer (FT-05): a pseudonymous id that signs in with the password given (investigators; admins of the observer service identity’s org)',
      description:
        'The observer is not a Fabric member: it signs in at POST /sessions with its observerId as user name, and the gateway acts for it ' +
        'through the observer service identity. Assign it to cases with POST /cases/:id/observers. Its region is the one whose monthly aggregates it reads.',
      tag: 'observers',
      roles: ['investigator', 'admin'],
      body: NewObserverBody,
      success: { status: 201, description: '{observer: {observerId, region, createdAt}}; the password is stored only as a scrypt hash' },
      errors: [503],
      handler: async ({ user, body }) => {
        const { region, password } = body as Static<typeof NewObserverBody>;
        const desk = identities.observerDesk();
        if (!desk) throw new ApiError(503, 'OBSERVER_DESK_MISSING', 'no observer service identity (role observer) is enrolled: enrol one first (scripts/enroll-users.sh)');
        if (user.attrs.role === 'admin' && user.org !== desk.user.org) {
          throw new ApiError(403, 'FORBIDDEN', `observers are created by investigators or by admins of ${desk.user.org}, the org of the observer service identity`);
        }
        const observerId = newObserverId();
        checkPassword(observerId.toLowerCase(), password);
        const createdAt = new Date().toISOString();
        identities.addObserver(observerId, { region, createdBy: user.name, createdAt }, await hashPassword(password));
        return { status: 201, body: { observer: { observerId, region, createdAt } } };
      },
    }),
    txRoute({
      method: 'get',
      path: '/observer/cases',
      operationId: 'observerCases',
      summary: 'The cases the signed-in patient observer is assigned to, in case id order, as observers read them (no patient identity; FT-05)',
      tag: 'observers',
      tx: InvestigationApi.ListForObserver,
      observerArg: 'observerId',
      success: { status: 200, description: '{observerId, cases: [ObserverCaseView], bookmark}' },
    }),
    txRoute({
      method: 'get',
      path: '/observer/cases/:id',
      operationId: 'observerCase',
      summary: 'An assigned case as patient observers read it: subjects (patients only counted), evidence list, findings, sanctions, recoveries, remarks (FT-05)',
      description: 'A case the observer is not assigned to, or that does not exist, is 403 alike.',
      tag: 'observers',
      tx: InvestigationApi.ObserverView,
      pathArgs: { id: 'caseId' },
      observerArg: 'observerId',
      success: { status: 200, description: 'ObserverCaseView' },
    }),
    txRoute({
      method: 'post',
      path: '/observer/cases/:id/remarks',
      operationId: 'fileCaseRemark',
      summary: 'File a challenge or remark on an assigned open case, on chain (FT-05); the investigator must answer it before closing',
      tag: 'observers',
      tx: InvestigationApi.FileRemark,
      pathArgs: { id: 'caseId' },
      observerArg: 'observerId',
      resultKey: 'case',
      success: { status: 201, description: '{case: ObserverCaseView, txId, blockNumber}' },
      errors: [409, 422],
    }),
  ];
}
