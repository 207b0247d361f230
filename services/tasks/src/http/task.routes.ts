import type { Router } from 'express';
import { CreateTaskBody, cursorQuery, MyTaskFilters, TaskFilters, UpdateTaskBody } from '@taskflow/contracts/api';
import { authOf } from '@taskflow/service-kit/auth';
import { createRouter, ifMatchVersion, parse } from '@taskflow/service-kit/http';
import type { TasksService } from '../domain/task.service';
import type { TaskQueries } from '../domain/task.query';
import type { ActivityQueries } from '../domain/activity.service';
import { idParam } from './params';

const JSON_UTF8 = 'application/json; charset=utf-8';

export function tasksRoutes(tasks: TasksService, queries: TaskQueries, activity: ActivityQueries): Router {
  const router = createRouter();

  router.get('/api/projects/:pid/tasks', async (req, res) => {
    const projectId = idParam(req, 'pid', 'Project');
    const filters = parse(TaskFilters, req.query);
    const body = await queries.listProjectTasksJson(authOf(req).userId, projectId, filters);
    // Already the answer's bytes. Straight to Node: res.send would parse and rewrite the content
    // type and compute an ETag over the body, for every page.
    res.writeHead(200, { 'Content-Type': JSON_UTF8, 'Content-Length': body.length }).end(body);
  });

  router.post('/api/projects/:pid/tasks', async (req, res) => {
    const projectId = idParam(req, 'pid', 'Project');
    const body = parse(CreateTaskBody, req.body);
    res.status(201).json(await tasks.createTask(authOf(req).userId, projectId, body));
  });

  router.get('/api/tasks', async (req, res) => {
    const filters = parse(MyTaskFilters, req.query);
    res.json(await queries.listMyTasks(authOf(req).userId, filters));
  });

  router.get('/api/tasks/:tid', async (req, res) => {
    const task = await tasks.getTask(authOf(req).userId, idParam(req, 'tid', 'Task'));
    res.set('ETag', `"${task.version}"`).json(task);
  });

  router.patch('/api/tasks/:tid', async (req, res) => {
    const taskId = idParam(req, 'tid', 'Task');
    const body = parse(UpdateTaskBody, req.body);
    const task = await tasks.updateTask(authOf(req).userId, taskId, body, ifMatchVersion(req));
    res.set('ETag', `"${task.version}"`).json(task);
  });

  router.get('/api/tasks/:tid/activity', async (req, res) => {
    const taskId = idParam(req, 'tid', 'Task');
    const query = parse(cursorQuery, req.query);
    res.json(await activity.listTaskActivity(authOf(req).userId, taskId, query));
  });

  router.delete('/api/tasks/:tid', async (req, res) => {
    await tasks.deleteTask(authOf(req).userId, idParam(req, 'tid', 'Task'));
    res.status(204).end();
  });

  return router;
}
