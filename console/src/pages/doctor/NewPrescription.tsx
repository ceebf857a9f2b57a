/**
 * Find or register the patient, pre-check the drugs as they are typed, sign and issue. The
 * patient's identity lives only in this form's memory and in request bodies (the gateway moves it
 * to the transient field): never in the address, the history or a log.
 */
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Form, Input, InputNumber, Result, Row, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiFailure, answer, api } from '../../api/client';
import type { CatalogueDrug, InsuredPersonRecord, PreCheckItem, PreCheckResult, PrescriptionRecord, Written } from '../../api/model';
import { Money, useLoad } from '../../components/data';
import { ErrorAlert, showFieldErrors } from '../../components/errors';
import { catalogueInForce } from './catalogue';
import { ID_NUMBER, PATIENT_FIELDS, PatientFields, type Patient } from './PatientFields';

interface ItemInput {
  drugCode?: string;
  quantity?: number;
  dose?: string;
  days?: number;
  selfPayConfirmed?: boolean;
}

interface RxForm {
  patient: Patient;
  kind: 'ORDINARY' | 'EMERGENCY' | 'LONG';
  diagnosisCodes: string[];
  chronicDisease?: string;
  items: ItemInput[];
  duplicateOverrideReason?: string;
}

const patientComplete = (p: Partial<Patient> | undefined): p is Patient =>
  !!p?.idType && !!p.idNumber && ID_NUMBER.test(p.idNumber) && !!p.name?.trim();

function CoverageLine({ item }: { item: PreCheckItem }) {
  const { t } = useTranslation();
  if (!item.known) return <Tag color="red">{t('doctor.notInCatalogue')}</Tag>;
  const c = item.coverage;
  return (
    <Space size={4} wrap>
      {c && <Tag color={c.class === 'A' ? 'green' : c.class === 'B' ? 'gold' : 'red'} data-testid="coverage-class">{t(`coverage.${c.class}`)}</Tag>}
      {c && c.class === 'B' && <span>{t('doctor.selfPayFirst', { percent: c.selfPayRatioBp / 100 })}</span>}
      {c && (c.class === 'C' || c.class === 'NONE') && <span>{t('doctor.selfPayAll')}</span>}
      {c?.paymentStandardFen !== undefined && <span>{t('doctor.paymentStandard')} <Money fen={c.paymentStandardFen} /></span>}
      {item.monitored && <Tag color="purple">{t('doctor.monitored')}</Tag>}
    </Space>
  );
}

export function NewPrescription() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RxForm>();
  const catalogue = useLoad(catalogueInForce, []);
  const drugsByCode = useMemo(() => new Map((catalogue.data?.drugs ?? []).map((d) => [d.drugCode, d])), [catalogue.data]);
  const [patientRef, setPatientRef] = useState<string>();
  // The patient's insurance as the insured region's insurer recorded it; null when not insured (self-pay).
  const [insured, setInsured] = useState<InsuredPersonRecord | null>();
  const [patientError, setPatientError] = useState<unknown>();
  const [precheck, setPrecheck] = useState<PreCheckResult>();
  const [precheckError, setPrecheckError] = useState<unknown>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<PrescriptionRecord>();
  // One key per prescription being written: a retried submit lands on the same prescription.
  const idempotencyKey = useRef(crypto.randomUUID());

  const patient = Form.useWatch('patient', form);
  const items = Form.useWatch('items', form);
  const kind = Form.useWatch('kind', form);
  const codes = useMemo(() => [...new Set((items ?? []).map((i) => i?.drugCode).filter((c): c is string => !!c))], [items]);
  const patientKey = patientComplete(patient) ? `${patient.idType}|${patient.idNumber}|${patient.name}` : '';

  // Pre-check as the doctor types: debounced, the latest answer wins.
  useEffect(() => {
    if (!patientKey || !codes.length || !patientComplete(patient)) {
      setPrecheck(undefined);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      answer<PreCheckResult>(api.POST('/prescriptions/precheck', { body: { patient: { ...patient, name: patient.name.trim() }, items: codes.map((drugCode) => ({ drugCode })) } }))
        .then((result) => {
          if (!live) return;
          setPrecheck(result);
          setPatientRef(result.patientRef);
          setPrecheckError(undefined);
        })
        .catch((err: unknown) => live && setPrecheckError(err));
    }, 350);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [patientKey, codes.join(',')]);

  useEffect(() => {
    setInsured(undefined);
    if (!patientRef) return;
    let live = true;
    answer<InsuredPersonRecord>(api.GET('/insured-persons/{patientRef}', { params: { path: { patientRef } } }))
      .then((record) => live && setInsured(record))
      .catch((err: unknown) => live && setInsured(err instanceof ApiFailure && err.status === 404 ? null : undefined));
    return () => {
      live = false;
    };
  }, [patientRef]);

  const checkOf = (code: string | undefined) => precheck?.items.find((i) => i.drugCode === code);
  const duplicates = (precheck?.items ?? []).flatMap((i) => i.duplicates);

  const findPatient = async () => {
    setPatientError(undefined);
    try {
      const p = await form.validateFields(PATIENT_FIELDS);
      const { patientRef: ref } = await answer<{ patientRef: string }>(api.POST('/patients/ref', { body: { patient: { ...p.patient, name: p.patient.name.trim() } } }));
      setPatientRef(ref);
    } catch (err) {
      if (err && typeof err === 'object' && 'errorFields' in err) return;
      if (!showFieldErrors(form, err, (f) => `patient.${f.replace(/^patient\./, '')}`)) setPatientError(err);
    }
  };

  const issue = async (values: RxForm) => {
    setBusy(true);
    setError(undefined);
    try {
      const rxItems = values.items.map((i) => ({ drugCode: i.drugCode as string, quantity: i.quantity as number, dose: (i.dose ?? '').trim(), days: i.days as number }));
      const selfPayConfirmed = values.items.filter((i) => i.selfPayConfirmed && i.drugCode).map((i) => i.drugCode as string);
      const { prescription } = await answer<Written<'prescription', PrescriptionRecord>>(
        api.POST('/prescriptions', {
          params: { header: { 'Idempotency-Key': idempotencyKey.current } },
          body: {
            patient: { ...values.patient, name: values.patient.name.trim() },
            kind: values.kind,
            diagnosisCodes: values.diagnosisCodes,
            ...(values.chronicDisease ? { chronicDisease: values.chronicDisease } : {}),
            items: rxItems,
            ...(selfPayConfirmed.length ? { selfPayConfirmed } : {}),
            ...(values.duplicateOverrideReason ? { duplicateOverrideReason: values.duplicateOverrideReason.trim() } : {}),
          },
        }),
      );
      setIssued(prescription);
      message.success(t('doctor.issued', { rxId: prescription.rxId }));
    } catch (err) {
      showFieldErrors(form, err);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const startOver = () => {
    form.resetFields();
    setIssued(undefined);
    setPrecheck(undefined);
    setPatientRef(undefined);
    setError(undefined);
    idempotencyKey.current = crypto.randomUUID();
  };

  if (issued) {
    return (
      <Result
        status="success"
        title={t('doctor.issuedTitle')}
        subTitle={<span>{t('doctor.issuedText')} <Typography.Text copyable strong data-testid="issued-rx-id" style={{ fontSize: 20 }}>{issued.rxId}</Typography.Text></span>}
        extra={[
          <Button type="primary" key="new" onClick={startOver}>{t('doctor.another')}</Button>,
          <Link key="mine" to="/app/doctor/prescriptions"><Button>{t('menu.doctor.mine')}</Button></Link>,
        ]}
      >
        <Descriptions column={1} size="small" items={[
          { key: 'v', label: t('doctor.validUntil'), children: new Date(issued.validUntil).toLocaleString() },
          { key: 'i', label: t('doctor.items'), children: issued.items.map((i) => `${i.name} × ${i.quantity}`).join('，') },
          { key: 'h', label: t('doctor.docHash'), children: <code>{issued.docHash.slice(0, 16)}…</code> },
        ]} />
      </Result>
    );
  }

  return (
    <Form<RxForm>
      form={form}
      layout="vertical"
      onFinish={issue}
      initialValues={{ patient: { idType: 'ID_CARD' }, kind: 'ORDINARY', diagnosisCodes: [], items: [{}] }}
      autoComplete="off"
      scrollToFirstError
    >
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('doctor.title')}</Typography.Title>
      <Card title={t('doctor.patient')} size="small" style={{ marginBottom: 16 }}>
        <PatientFields />
        <Space wrap>
          <Button onClick={() => void findPatient()}>{t('doctor.findPatient')}</Button>
          {patientRef && <span data-testid="patient-ref">{t('doctor.patientRef')} <code>{patientRef.slice(0, 12)}…</code></span>}
          {insured && (
            <span data-testid="insured">
              <Tag color={insured.status === 'ACTIVE' ? 'green' : 'red'}>{t(`insured.${insured.status}`)}</Tag>
              {t('doctor.insuredIn', { region: insured.insuredRegion, scheme: t(`scheme.${insured.scheme}`) })}
            </span>
          )}
          {insured === null && <Tag color="orange" data-testid="insured">{t('doctor.notInsured')}</Tag>}
        </Space>
        <ErrorAlert error={patientError} />
      </Card>

      <Card title={t('doctor.prescription')} size="small" style={{ marginBottom: 16 }}>
        <Row gutter={12}>
          <Col xs={24} md={6}>
            <Form.Item name="kind" label={t('doctor.kind')} rules={[{ required: true }]}>
              <Select options={(['ORDINARY', 'EMERGENCY', 'LONG'] as const).map((v) => ({ value: v, label: t(`kind.${v}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="diagnosisCodes" label={t('doctor.diagnoses')} rules={[{ required: true, type: 'array', min: 1, message: t('doctor.diagnosesRequired') }]} extra={t('doctor.diagnosesHint')}>
              <Select mode="tags" tokenSeparators={[',', ' ']} open={false} aria-label={t('doctor.diagnoses')} />
            </Form.Item>
          </Col>
          {kind === 'LONG' && (
            <Col xs={24} md={6}>
              <Form.Item name="chronicDisease" label={t('doctor.chronicDisease')} rules={[{ required: true }]}>
                <Input placeholder="E11.9" />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => {
                const code = items?.[index]?.drugCode;
                const check = checkOf(code);
                const drug: CatalogueDrug | undefined = code ? drugsByCode.get(code) : undefined;
                const uncovered = check?.coverage && (check.coverage.class === 'C' || check.coverage.class === 'NONE');
                return (
                  <Card key={field.key} size="small" type="inner" style={{ marginBottom: 12 }} data-testid={`item-${index}`}
                    title={`${t('doctor.item')} ${index + 1}`}
                    extra={fields.length > 1 && <Button size="small" danger onClick={() => remove(field.name)}>{t('common.remove')}</Button>}>
                    <Row gutter={12}>
                      <Col xs={24} md={10}>
                        <Form.Item name={[field.name, 'drugCode']} label={t('doctor.drug')} rules={[{ required: true, message: t('doctor.drugRequired') }]}>
                          <Select
                            showSearch
                            loading={catalogue.loading}
                            placeholder={t('doctor.drugPlaceholder')}
                            optionFilterProp="label"
                            aria-label={t('doctor.drug')}
                            options={(catalogue.data?.drugs ?? []).map((d) => ({ value: d.drugCode, label: `${d.name} · ${d.drugCode}` }))}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={8} md={4}>
                        <Form.Item name={[field.name, 'quantity']} label={t('doctor.quantity')} rules={[{ required: true }]}>
                          <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                      <Col xs={8} md={6}>
                        <Form.Item name={[field.name, 'dose']} label={t('doctor.dose')} rules={[{ required: true, whitespace: true }]}>
                          <Input placeholder="10mg qd" />
                        </Form.Item>
                      </Col>
                      <Col xs={8} md={4}>
                        <Form.Item name={[field.name, 'days']} label={t('doctor.days')} rules={[{ required: true }]}>
                          <InputNumber min={1} max={365} precision={0} style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                    </Row>
                    {check && (
                      <div data-testid={`precheck-${index}`}>
                        <CoverageLine item={check} />
                        {check.substitutes.length > 0 && (
                          <div style={{ marginTop: 6 }}>
                            {t('doctor.substitutes')}{' '}
                            {check.substitutes.map((s) => (
                              <Tag key={s.drugCode} style={{ cursor: 'pointer' }} onClick={() => form.setFieldValue(['items', field.name, 'drugCode'], s.drugCode)}>
                                {s.name} ({t(`coverage.${s.coverage.class}`)})
                              </Tag>
                            ))}
                          </div>
                        )}
                        {check.duplicates.length > 0 && (
                          <Alert style={{ marginTop: 6 }} type="warning" showIcon message={t('doctor.duplicateHit', {
                            list: check.duplicates.map((d) => `${d.rxId} @ ${d.institutionId}`).join('，'),
                          })} />
                        )}
                        {uncovered && (
                          <Form.Item name={[field.name, 'selfPayConfirmed']} valuePropName="checked" style={{ margin: '6px 0 0' }}>
                            <Checkbox>{t('doctor.confirmSelfPay')}</Checkbox>
                          </Form.Item>
                        )}
                      </div>
                    )}
                    {!check && drug && <Typography.Text type="secondary">{drug.name}</Typography.Text>}
                  </Card>
                );
              })}
              <Button onClick={() => add({})} disabled={fields.length >= 5}>{t('doctor.addItem')}</Button>
            </>
          )}
        </Form.List>
        <ErrorAlert error={precheckError} />
        {precheck && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }} data-testid="precheck-summary">
            {t('doctor.precheckSummary', { version: precheck.catalogueVersion, duplicates: duplicates.length })}
          </Typography.Paragraph>
        )}
        {duplicates.length > 0 && (
          <Form.Item name="duplicateOverrideReason" label={t('doctor.overrideReason')} rules={[{ required: true, whitespace: true, message: t('doctor.overrideRequired') }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
      </Card>
      <ErrorAlert error={error} />
      <Button type="primary" htmlType="submit" size="large" loading={busy}>{t('doctor.signAndIssue')}</Button>
    </Form>
  );
}
