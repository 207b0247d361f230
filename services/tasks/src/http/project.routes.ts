import type { Router } from 'express';
import { CreateProjectBody, UpdateProjectBody } from '@taskflow/contracts/api';
import { authOf } from '@taskflow/service-kit/auth';
import { createRouter, parse } from '@taskflow/service-kit/http';
import type { ProjectsService } from '../domain/project.service';
import { idParam } from './params';

export function projectsRoutes(projects: ProjectsService): Router {
  const router = createRouter();

  router.get('/api/projects', async (req, res) => {
    res.json({ items: await projects.listProjects(authOf(req).userId) });
  });

  router.post('/api/projects', async (req, res) => {
    const body = parse(CreateProjectBody, req.body);
    res.status(201).json(await projects.createProject(authOf(req).userId, body));
  });

  router.get('/api/projects/:pid', async (req, res) => {
    res.json(await projects.getProject(authOf(req).userId, idParam(req, 'pid', 'Project')));
  });

  router.patch('/api/projects/:pid', async (req, res) => {
    const projectId = idParam(req, 'pid', 'Project');
    const body = parse(UpdateProjectBody, req.body);
    res.json(await projects.updateProject(authOf(req).userId, projectId, body));
  });

  router.delete('/api/projects/:pid', async (req, res) => {
    await projects.deleteProject(authOf(req).userId, idParam(req, 'pid', 'Project'));
    res.status(204).end();
  });

  return router;
}
