import type { Router } from 'express';
import { AddMemberBody, ChangeRoleBody } from '@taskflow/contracts/api';
import { authOf } from '@taskflow/service-kit/auth';
import { createRouter, parse } from '@taskflow/service-kit/http';
import type { MembersService } from '../domain/member.service';
import { idParam } from './params';

export function membersRoutes(members: MembersService): Router {
  const router = createRouter();

  router.get('/api/projects/:pid/members', async (req, res) => {
    res.json({ items: await members.listMembers(authOf(req).userId, idParam(req, 'pid', 'Project')) });
  });

  router.post('/api/projects/:pid/members', async (req, res) => {
    const projectId = idParam(req, 'pid', 'Project');
    const body = parse(AddMemberBody, req.body);
    res.status(201).json(await members.addMember(authOf(req).userId, projectId, body));
  });

  router.patch('/api/projects/:pid/members/:uid', async (req, res) => {
    const projectId = idParam(req, 'pid', 'Project');
    const memberId = idParam(req, 'uid', 'Member');
    const body = parse(ChangeRoleBody, req.body);
    res.json(await members.changeRole(authOf(req).userId, projectId, memberId, body.role));
  });

  router.delete('/api/projects/:pid/members/:uid', async (req, res) => {
    const projectId = idParam(req, 'pid', 'Project');
    await members.removeMember(authOf(req).userId, projectId, idParam(req, 'uid', 'Member'));
    res.status(204).end();
  });

  return router;
}
