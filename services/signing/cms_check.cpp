#include "services/signing/cms_check.hpp"

#include <cstring>

#include <openssl/cms.h>
#include <openssl/ess.h>
#include <openssl/x509v3.h>

namespace kd::signing {
namespace {

struct CmsDeleter {
  void operator()(CMS_ContentInfo* p) const { CMS_ContentInfo_free(p); }
};
using CmsPtr = std::unique_ptr<CMS_ContentInfo, CmsDeleter>;

std::string object_name(const ASN1_OBJECT* obj) {
  char buf[128];
  OBJ_obj2txt(buf, sizeof buf, obj, 0);
  return buf;
}

ChainStatus chain_status_of(int err) {
  switch (err) {
    case X509_V_OK:
      return ChainStatus::Trusted;
    case X509_V_ERR_CERT_HAS_EXPIRED:
      return ChainStatus::Expired;
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return ChainStatus::NotYetValid;
    case X509_V_ERR_CERT_REVOKED:
      return ChainStatus::Revoked;
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_CERT_UNTRUSTED:
      return ChainStatus::Untrusted;
    default:
      return ChainStatus::Invalid;
  }
}

std::string reason_of(int err) {
  switch (err) {
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_CERT_UNTRUSTED:
    case X509_V_ERR_CERT_REJECTED:
      return "issuer_unknown";
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
      return "self_signed";
    case X509_V_ERR_CERT_HAS_EXPIRED:
      return "certificate_expired";
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return "certificate_not_yet_valid";
    case X509_V_ERR_CERT_REVOKED:
      return "certificate_revoked";
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
    case X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE:
    case X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY:
      return "certificate_signature_invalid";
    case X509_V_ERR_INVALID_CA:
      return "issuer_not_a_ca";
    case X509_V_ERR_KEYUSAGE_NO_CERTSIGN:
      return "issuer_cannot_sign_certificates";
    case X509_V_ERR_INVALID_PURPOSE:
      return "invalid_purpose";
    case X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION:
      return "unhandled_critical_extension";
    case X509_V_ERR_PATH_LENGTH_EXCEEDED:
      return "path_length_exceeded";
    case X509_V_ERR_CERT_CHAIN_TOO_LONG:
      return "chain_too_long";
    default:
      return "chain_error";
  }
}

// Whether `cert`, issued by `issuer`, is on a revocation list that `issuer` signed; nullopt
// when no list of ours is signed by it.
std::optional<bool> revoked_by_issuer(X509* cert, X509* issuer, const TrustAnchors& anchors) {
  EVP_PKEY* key = X509_get0_pubkey(issuer);
  bool have_list = false;
  bool revoked = false;
  for (const auto& crl : anchors.crls) {
    if (key == nullptr ||
        X509_NAME_cmp(X509_CRL_get_issuer(crl.get()), X509_get_subject_name(issuer)) != 0 ||
        X509_CRL_verify(crl.get(), key) != 1)
      continue;
    have_list = true;
    X509_REVOKED* entry = nullptr;
    if (X509_CRL_get0_by_cert(crl.get(), &entry, cert) == 1) revoked = true;
  }
  take_openssl_errors();
  if (!have_list) return std::nullopt;
  return revoked;
}

}  // namespace

ChainCheck check_chain(X509* cert, const std::vector<X509*>& intermediates,
                       const TrustAnchors& anchors, long long when) {
  ChainCheck out;
  CertStackPtr helpers(sk_X509_new_null());
  for (X509* c : intermediates) {
    X509_up_ref(c);
    sk_X509_push(helpers.get(), c);
  }
  // The path and the validity periods at the signing time; no revocation lists here (one
  // list would make OpenSSL demand one for every issuer).
  StorePtr store(X509_STORE_new());
  for (const auto& root : anchors.roots) X509_STORE_add_cert(store.get(), root.get());
  StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (!store || !ctx || X509_STORE_CTX_init(ctx.get(), store.get(), cert, helpers.get()) != 1) {
    out.reason = "chain_error";
    out.detail = take_openssl_errors();
    return out;
  }
  X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx.get()), static_cast<time_t>(when));
  const int ok = X509_verify_cert(ctx.get());
  const int err = X509_STORE_CTX_get_error(ctx.get());
  take_openssl_errors();
  out.detail = X509_verify_cert_error_string(err);
  if (ok != 1) {
    out.status = chain_status_of(err);
    if (out.status == ChainStatus::Trusted) out.status = ChainStatus::Invalid;
    out.reason = reason_of(err);
    return out;
  }
  STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx.get());
  const int n = sk_X509_num(chain);
  for (int i = 1; i < n; ++i) {
    X509* c = sk_X509_value(chain, i);
    X509_up_ref(c);
    out.issuers.emplace_back(c);
  }
  if (n > 0) out.anchor_name = subject_common_name(sk_X509_value(chain, n - 1));
  // Revocation of every certificate below the anchor, by its own issuer's lists.
  for (int i = 0; i + 1 < n; ++i) {
    X509* c = sk_X509_value(chain, i);
    X509* issuer = sk_X509_value(chain, i + 1);
    const auto revoked = revoked_by_issuer(c, issuer, anchors);
    if (!revoked) {
      out.revocation_unchecked.push_back({subject_common_name(c), subject_common_name(issuer)});
    } else if (*revoked) {
      out.status = ChainStatus::Revoked;
      out.reason = "certificate_revoked";
      out.detail = "certificate revoked";
      return out;
    }
  }
  out.status = ChainStatus::Trusted;
  return out;
}

namespace {

void check_signing_certificate(CmsFindings& out, CMS_SignerInfo* si) {
  for (const int nid : {NID_id_smime_aa_signingCertificateV2, NID_id_smime_aa_signingCertificate}) {
    const int idx = CMS_signed_get_attr_by_NID(si, nid, -1);
    if (idx < 0) continue;
    out.has_signing_certificate = true;
    X509_ATTRIBUTE* attr = CMS_signed_get_attr(si, idx);
    ASN1_TYPE* t = X509_ATTRIBUTE_get0_type(attr, 0);
    if (t == nullptr || t->type != V_ASN1_SEQUENCE) return;
    const unsigned char* p = t->value.sequence->data;
    const long len = t->value.sequence->length;
    CertStackPtr chain(sk_X509_new_null());
    X509_up_ref(out.signer.get());
    sk_X509_push(chain.get(), out.signer.get());
    int rc = -1;
    if (nid == NID_id_smime_aa_signingCertificateV2) {
      ESS_SIGNING_CERT_V2* v2 = d2i_ESS_SIGNING_CERT_V2(nullptr, &p, len);
      if (v2 != nullptr) rc = OSSL_ESS_check_signing_certs(nullptr, v2, chain.get(), 1);
      ESS_SIGNING_CERT_V2_free(v2);
    } else {
      ESS_SIGNING_CERT* v1 = d2i_ESS_SIGNING_CERT(nullptr, &p, len);
      if (v1 != nullptr) rc = OSSL_ESS_check_signing_certs(v1, nullptr, chain.get(), 1);
      ESS_SIGNING_CERT_free(v1);
    }
    take_openssl_errors();
    out.signing_certificate_matches = rc > 0;
    return;
  }
}

void check_signing_time(CmsFindings& out, CMS_SignerInfo* si) {
  const int idx = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
  if (idx < 0) return;
  out.has_signing_time_attribute = true;
  ASN1_TYPE* t = X509_ATTRIBUTE_get0_type(CMS_signed_get_attr(si, idx), 0);
  if (t != nullptr && (t->type == V_ASN1_UTCTIME || t->type == V_ASN1_GENERALIZEDTIME))
    out.cms_signing_time = epoch_of(reinterpret_cast<const ASN1_TIME*>(t->value.asn1_string));
}

void check_digest(CmsFindings& out, CMS_SignerInfo* si, X509_ALGOR* digest_alg,
                  const Bytes& content) {
  const EVP_MD* md = EVP_get_digestbyobj(digest_alg->algorithm);
  if (md == nullptr) return;
  unsigned char buf[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (EVP_Digest(content.data(), content.size(), buf, &n, md, nullptr) != 1) return;
  const auto* expected = static_cast<ASN1_OCTET_STRING*>(CMS_signed_get0_data_by_OBJ(
      si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
  out.digest_matches = expected != nullptr &&
                       static_cast<unsigned int>(ASN1_STRING_length(expected)) == n &&
                       std::memcmp(ASN1_STRING_get0_data(expected), buf, n) == 0;
}

// The certificates packed with the signature are not covered by it: check that each one
// whose issuer is known (packed or a trust anchor) still carries a valid signature.
void check_certificates(CmsFindings& out, STACK_OF(X509) * certs, const TrustAnchors& anchors) {
  std::vector<X509*> issuers;
  for (int i = 0; i < sk_X509_num(certs); ++i) issuers.push_back(sk_X509_value(certs, i));
  for (const auto& a : anchors.roots) issuers.push_back(a.get());
  for (int i = 0; i < sk_X509_num(certs); ++i) {
    X509* c = sk_X509_value(certs, i);
    bool known = false;
    for (X509* issuer : issuers) {
      if (X509_check_issued(issuer, c) != X509_V_OK) continue;
      known = true;
      EVP_PKEY* key = X509_get0_pubkey(issuer);
      if (key == nullptr || X509_verify(c, key) != 1) out.certificates_damaged = true;
      break;
    }
    if (!known) out.certificates_unverifiable = true;
  }
  take_openssl_errors();
}

// A minimal DER walk of ContentInfo -> SignedData for what OpenSSL does not check: the
// outer digestAlgorithms must list the signer's digest algorithm.
struct Der {
  const unsigned char* p;
  const unsigned char* end;
  // Reads one TLV; `content` points at its value.
  bool next(unsigned char* tag, const unsigned char** content, std::size_t* len) {
    if (end - p < 2) return false;
    *tag = *p++;
    std::size_t n = *p++;
    if (n & 0x80) {
      const std::size_t k = n & 0x7F;
      if (k == 0 || k > 4 || static_cast<std::size_t>(end - p) < k) return false;
      n = 0;
      for (std::size_t i = 0; i < k; ++i) n = (n << 8) | *p++;
    }
    if (static_cast<std::size_t>(end - p) < n) return false;
    *content = p;
    *len = n;
    p += n;
    return true;
  }
};

long small_integer(const unsigned char* c, std::size_t n) {
  if (n == 0 || n > 2) return -1;
  long v = 0;
  for (std::size_t i = 0; i < n; ++i) v = (v << 8) | c[i];
  return v;
}

// What OpenSSL does not check in the envelope (RFC 5652 §5.1, §5.3): the outer
// digestAlgorithms list the signer's digest algorithm, and the version numbers agree with
// the structure (SignedData 1 with a version 1 SignerInfo and id-data content, else 3;
// SignerInfo 1 with issuerAndSerialNumber, 3 with subjectKeyIdentifier).
bool envelope_consistent(const Bytes& der, const ASN1_OBJECT* digest, bool id_data) {
  const int want = OBJ_obj2nid(digest);
  Der outer{reinterpret_cast<const unsigned char*>(der.data()),
            reinterpret_cast<const unsigned char*>(der.data()) + der.size()};
  unsigned char tag = 0;
  const unsigned char* c = nullptr;
  std::size_t n = 0;
  if (!outer.next(&tag, &c, &n) || tag != 0x30) return false;  // ContentInfo
  Der ci{c, c + n};
  if (!ci.next(&tag, &c, &n) || tag != 0x06) return false;  // contentType
  if (!ci.next(&tag, &c, &n) || tag != 0xA0) return false;  // [0]
  Der wrapped{c, c + n};
  if (!wrapped.next(&tag, &c, &n) || tag != 0x30) return false;  // SignedData
  Der sd{c, c + n};
  if (!sd.next(&tag, &c, &n) || tag != 0x02) return false;  // version
  const long sd_version = small_integer(c, n);
  if (!sd.next(&tag, &c, &n) || tag != 0x31) return false;  // digestAlgorithms
  Der algs{c, c + n};
  bool found = false;
  while (algs.p < algs.end) {
    if (!algs.next(&tag, &c, &n) || tag != 0x30) return false;
    Der alg{c, c + n};
    if (!alg.next(&tag, &c, &n) || tag != 0x06) return false;
    const unsigned char* oid_start = c - 2;
    ASN1_OBJECT* obj = d2i_ASN1_OBJECT(nullptr, &oid_start, static_cast<long>(n + 2));
    if (obj != nullptr && OBJ_obj2nid(obj) == want && want != NID_undef) found = true;
    ASN1_OBJECT_free(obj);
  }
  if (!found) return false;
  // encapContentInfo, [0] certificates, [1] crls, then the SignerInfos.
  do {
    if (!sd.next(&tag, &c, &n)) return false;
  } while (tag != 0x31);
  Der infos{c, c + n};
  if (!infos.next(&tag, &c, &n) || tag != 0x30) return false;
  Der si{c, c + n};
  if (!si.next(&tag, &c, &n) || tag != 0x02) return false;
  const long si_version = small_integer(c, n);
  if (!si.next(&tag, &c, &n)) return false;
  const long expected_si = tag == 0x30 ? 1 : (tag == 0x80 ? 3 : -1);
  if (si_version != expected_si) return false;
  if (si_version == 1 && id_data) return sd_version == 1;
  return sd_version == 3 || sd_version == 4 || sd_version == 5;
}

}  // namespace

const char* to_code(ChainStatus s) {
  switch (s) {
    case ChainStatus::Trusted:
      return "trusted";
    case ChainStatus::Untrusted:
      return "untrusted";
    case ChainStatus::Expired:
      return "expired";
    case ChainStatus::NotYetValid:
      return "not_yet_valid";
    case ChainStatus::Revoked:
      return "revoked";
    case ChainStatus::Invalid:
      break;
  }
  return "invalid";
}

CmsFindings check_cms(const Bytes& der, const Bytes& content, const TrustAnchors& anchors,
                      long long check_time) {
  CmsFindings out;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())));
  if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
    out.parse_error = take_openssl_errors();
    return out;
  }
  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms.get());
  if (infos == nullptr || sk_CMS_SignerInfo_num(infos) < 1) {
    out.parse_error = "no SignerInfo";
    return out;
  }
  out.parsed = true;
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);
  CertStackPtr certs(CMS_get1_certs(cms.get()));
  CMS_set1_signers_certs(cms.get(), nullptr, 0);
  take_openssl_errors();
  EVP_PKEY* pk = nullptr;
  X509* signer = nullptr;
  X509_ALGOR* digest_alg = nullptr;
  X509_ALGOR* sig_alg = nullptr;
  CMS_SignerInfo_get0_algs(si, &pk, &signer, &digest_alg, &sig_alg);
  if (digest_alg != nullptr) out.digest_algorithm = object_name(digest_alg->algorithm);
  if (sig_alg != nullptr) out.signature_algorithm = object_name(sig_alg->algorithm);
  if (signer == nullptr) return out;
  out.signer_found = true;
  X509_up_ref(signer);
  out.signer.reset(signer);

  out.has_signed_attributes = CMS_signed_get_attr_count(si) >= 0;
  if (out.has_signed_attributes) {
    out.signature_valid = CMS_SignerInfo_verify(si) == 1;
    check_digest(out, si, digest_alg, content);
    check_signing_time(out, si);
    check_signing_certificate(out, si);
  } else {
    // No signed attributes: the signature is over the content itself.
    BioPtr data(BIO_new_mem_buf(content.data(), static_cast<int>(content.size())));
    const int ok = CMS_verify(cms.get(), nullptr, nullptr, data.get(), nullptr,
                              CMS_DETACHED | CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY);
    out.signature_valid = out.digest_matches = ok == 1;
  }
  take_openssl_errors();
  check_certificates(out, certs.get(), anchors);
  const bool id_data = OBJ_obj2nid(CMS_get0_eContentType(cms.get())) == NID_pkcs7_data;
  out.envelope_consistent =
      id_data && digest_alg != nullptr && envelope_consistent(der, digest_alg->algorithm, id_data);
  std::vector<X509*> helpers;
  for (int i = 0; i < sk_X509_num(certs.get()); ++i)
    helpers.push_back(sk_X509_value(certs.get(), i));
  out.chain = check_chain(out.signer.get(), helpers, anchors, check_time);
  return out;
}

ChainStatus certificate_status(X509* cert, const std::vector<X509*>& intermediates,
                               const TrustAnchors& anchors, long long when,
                               std::vector<X509Ptr>* issuers) {
  ChainCheck c = check_chain(cert, intermediates, anchors, when);
  if (issuers != nullptr && c.status == ChainStatus::Trusted) *issuers = std::move(c.issuers);
  return c.status;
}

std::vector<X509Ptr> cms_certificates(const Bytes& der) {
  std::vector<X509Ptr> out;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())));
  if (!cms) {
    take_openssl_errors();
    return out;
  }
  CertStackPtr certs(CMS_get1_certs(cms.get()));
  take_openssl_errors();
  for (int i = 0; certs && i < sk_X509_num(certs.get()); ++i) {
    X509* c = sk_X509_value(certs.get(), i);
    X509_up_ref(c);
    out.emplace_back(c);
  }
  return out;
}

}  // namespace kd::signing
