import { LockOutlined, MailOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router-dom";

import { Panel } from "@/modules/common/components/Panel";
import { LanguageSwitcher } from "@/modules/layout/components/LanguageSwitcher";

import { useSession } from "../hooks/useSession";
import { loginErrorMessage } from "../utils/loginErrorMessage";
import { safeNextPath } from "../utils/safeNextPath";

type LoginForm = {
  email: string;
  password: string;
};

/**
 * The login page. After success it returns to the `next` path the user was sent from, and
 * `reason=session_expired` shows why the user has to log in again.
 */
export function LoginPage() {
  const { t } = useTranslation();
  const { status, login } = useSession();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const next = safeNextPath(searchParams.get("next"));
  const sessionExpired = searchParams.get("reason") === "session_expired";

  if (status === "authenticated") {
    return <Navigate to={next} replace />;
  }

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(values.email, values.password);
      navigate(next, { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <main className="login-page">
      <div className="login-language">
        <LanguageSwitcher persist={false} />
      </div>
      <Panel className="login-card">
        <h1 className="login-title">{t("app.name")}</h1>
        <p className="secondary-text">{t("login.subtitle")}</p>
        {error === null && sessionExpired && <Alert type="warning" showIcon role="status" message={t("login.sessionExpired")} style={{ marginBottom: 16 }} />}
        {error !== null && <Alert type="error" showIcon role="alert" message={loginErrorMessage(error, t)} style={{ marginBottom: 16 }} />}
        <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item
            name="email"
            label={t("login.email")}
            rules={[
              { required: true, message: t("login.emailRequired") },
              { type: "email", message: t("login.emailInvalid") },
            ]}
          >
            <Input prefix={<MailOutlined />} autoComplete="username" inputMode="email" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t("login.password")} rules={[{ required: true, message: t("login.passwordRequired") }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting}>
            {t("login.submit")}
          </Button>
        </Form>
      </Panel>
    </main>
  );
}
