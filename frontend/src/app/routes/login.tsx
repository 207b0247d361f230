import { Link, useLocation } from 'react-router';
import { AuthLayout } from '@/features/auth/components/auth-layout';
import { LoginForm } from '@/features/auth/components/login-form';
import { RedirectIfAuthenticated } from '@/features/auth/components/require-auth';

export function LoginRoute() {
  const location = useLocation();
  return (
    <RedirectIfAuthenticated>
      <AuthLayout
        title="Log in to TaskFlow"
        footer={
          <>
            New here?{' '}
            <Link
              to={`/register${location.search}`}
              className="font-medium text-indigo-600 hover:underline dark:text-indigo-400"
            >
              Create an account
            </Link>
          </>
        }
      >
        <LoginForm />
        <p className="mt-4 text-center text-sm">
          <Link to="/forgot-password" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
            Forgot your password?
          </Link>
        </p>
      </AuthLayout>
    </RedirectIfAuthenticated>
  );
}
