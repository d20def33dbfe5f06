// Round trips through the store: organisation, accounts, sessions, campaigns, reviews.
#include "services/config/regime_catalog.hpp"
#include "tests/integration/storage/storage_world.hpp"

namespace kd::storage::test {
namespace {

using Status = TransitionOutcome::Status;

class Repositories : public StorageTest {};

TEST_F(Repositories, OrganisationRoundTripsIntoTheTree) {
  build_world();
  const auto org = store_->load_org_tree();
  ASSERT_NE(org.unit(office_), nullptr);
  EXPECT_EQ(org.unit(office_)->name, "Phòng Tổ chức cán bộ");
  EXPECT_EQ(*org.unit(office_)->parent_id, agency_);
  EXPECT_TRUE(org.in_subtree(office_, agency_));
  EXPECT_TRUE(org.has_role_in(binh_, wf::Role::Secretary, office_));
  EXPECT_TRUE(org.has_role_at_or_above(ha_, wf::Role::Committee, office_));

  const auto dung = store_->get_person(dung_);
  ASSERT_TRUE(dung);
  EXPECT_EQ(dung->full_name, "Trần Văn Dũng");
  EXPECT_TRUE(dung->leader);
  EXPECT_EQ(dung->position, "Trưởng phòng");
  EXPECT_EQ(dung->group, wf::Group::CongChuc);
  EXPECT_FALSE(store_->get_person(999999));
  EXPECT_EQ(store_->people_in_units({office_}).size(), 4u);
  EXPECT_EQ(store_->people_in_units({office_, agency_}).size(), 5u);
}

TEST_F(Repositories, VietnameseTextIsKeptExactly) {
  wf::Person p;
  p.full_name = kEveryDiacritic;
  p.unit_id = store_->create_unit({0, std::nullopt, "X", kEveryDiacritic, "co_quan"});
  p.position = kEveryDiacritic;
  p.peer_group = kEveryDiacritic;
  const auto id = store_->create_person(p);
  const auto back = store_->get_person(id);
  EXPECT_EQ(back->full_name, kEveryDiacritic);
  EXPECT_EQ(back->position, kEveryDiacritic);
  EXPECT_EQ(back->peer_group, kEveryDiacritic);
  EXPECT_EQ(store_->load_org_tree().unit(p.unit_id)->name, kEveryDiacritic);
}

TEST_F(Repositories, FormContentRoundTripsThroughATransition) {
  build_world();
  const auto review = review_of(an_);
  auto form = full_form(kEveryDiacritic);
  form.strengths = kEveryDiacritic;
  form.weaknesses = "Hạn chế: <script>alert('x')</script> & \"nháy kép\"";
  ASSERT_EQ(act(review, an_, submit(form)).status, Status::Accepted);
  const auto back = store_->get_review(review);
  EXPECT_EQ(back->form.sections, form.sections);
  EXPECT_EQ(back->form.strengths, form.strengths);
  EXPECT_EQ(back->form.weaknesses, form.weaknesses);
  EXPECT_EQ(back->form.self_rating, form.self_rating);
}

TEST_F(Repositories, MeetingAndOpinionRoundTrip) {
  build_world();
  const auto review = review_of(an_);
  advance_to_committee(review, an_, wf::Rating::HTT);
  const auto r = store_->get_review(review);
  ASSERT_TRUE(r->meeting);
  const auto m = good_meeting(chi_, binh_);
  EXPECT_EQ(r->meeting->date, m.date);
  EXPECT_EQ(r->meeting->present, 8);
  EXPECT_EQ(r->meeting->absent.at(0).reason, "Đi công tác");
  EXPECT_EQ(r->meeting->comments.at(0).author, "Lê Thị Chi");
  EXPECT_EQ(r->meeting->votes.in_favour, 7);
  EXPECT_EQ(r->meeting->proposed_rating, wf::Rating::HTT);
  ASSERT_TRUE(r->opinion);
  EXPECT_EQ(r->opinion->by, dung_);
  EXPECT_EQ(r->opinion->comments, "Nhận xét của trưởng phòng.");
  EXPECT_EQ(r->stage, wf::Stage::CommitteeDecision);
  EXPECT_EQ(r->version, 4);
}

TEST_F(Repositories, YearFactsAreLoadedWithTheReview) {
  build_world();
  wf::YearFacts f;
  f.months_worked = 10;
  f.leave_months = 4;
  f.disciplined = true;
  store_->set_year_facts(an_, 2026, f);
  store_->set_year_facts(an_, 2025, wf::YearFacts{});
  const auto r = store_->get_review(review_of(an_));
  EXPECT_EQ(r->facts.months_worked, 10);
  EXPECT_EQ(r->facts.leave_months, 4);
  EXPECT_TRUE(r->facts.disciplined);
  f.disciplined = false;
  store_->set_year_facts(an_, 2026, f);  // upsert
  EXPECT_FALSE(store_->get_review(review_of(an_))->facts.disciplined);
}

TEST_F(Repositories, AccountsAndSessions) {
  build_world();
  const auto id = store_->create_account(an_, "nguyenvanan", "$argon2id$v=19$m=65536$abc");
  const auto acc = store_->find_account("nguyenvanan");
  ASSERT_TRUE(acc);
  EXPECT_EQ(acc->id, id);
  EXPECT_EQ(acc->person_id, an_);
  EXPECT_EQ(acc->password_hash, "$argon2id$v=19$m=65536$abc");
  EXPECT_FALSE(store_->find_account("nobody"));
  EXPECT_THROW(store_->create_account(binh_, "nguyenvanan", "x"), pqxx::unique_violation);

  const std::string token(64, 'a');
  const auto expires = now_ + std::chrono::hours(8);
  store_->create_session(token, id, expires);
  const auto s = store_->find_session(token, now_);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->account_id, id);
  EXPECT_EQ(s->person_id, an_);
  EXPECT_EQ(s->username, "nguyenvanan");
  EXPECT_EQ(s->expires_at, expires);
  EXPECT_FALSE(store_->find_session(token, expires));  // expired at its expiry instant
  store_->delete_session(token);
  EXPECT_FALSE(store_->find_session(token, now_));
}

TEST_F(Repositories, CampaignKeepsItsPinnedRegimeAndDueDates) {
  build_world();
  const auto rec = store_->get_campaign(campaign_);
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->campaign.name, "Đánh giá, xếp loại chất lượng năm 2026");
  EXPECT_EQ(rec->campaign.status, wf::CampaignStatus::Open);
  EXPECT_EQ(rec->campaign.regime_id, "nd90-2020");
  EXPECT_EQ(rec->campaign.stage_due.at(wf::Stage::HeadOpinion), (wf::Date{2026, 12, 2}));
  EXPECT_EQ(rec->regime.id, "nd90-2020");
  EXPECT_EQ(rec->regime.title, make_regime().title);
  EXPECT_EQ(rec->regime.forms.at(wf::Group::CongChuc).title,
            make_regime().forms.at(wf::Group::CongChuc).title);
  EXPECT_EQ(config::RegimeCatalog::to_json(rec->regime),
            config::RegimeCatalog::to_json(make_regime()));
  EXPECT_EQ(store_->list_campaigns({}).size(), 1u);
  EXPECT_EQ(store_->list_campaigns({agency_}).size(), 1u);
  EXPECT_TRUE(store_->list_campaigns({office_}).empty());
  EXPECT_FALSE(store_->get_campaign(424242));
}

TEST_F(Repositories, OpeningCreatesOneReviewAndOneCreateEventPerPerson) {
  build_world();
  EXPECT_EQ(count("SELECT count(*) FROM reviews"), 5);
  EXPECT_EQ(count("SELECT count(*) FROM review_events WHERE action = 'create' AND seq = 1"), 5);
  const auto again = store_->open_campaign(campaign_, ha_, now_);
  EXPECT_FALSE(again.accepted);
  ASSERT_EQ(again.refusals.size(), 1u);
  EXPECT_EQ(again.refusals[0].code, "campaign_not_draft");
  EXPECT_EQ(count("SELECT count(*) FROM reviews"), 5);
}

TEST_F(Repositories, ListReviewsFiltersOrdersAndPages) {
  build_world(3);
  ReviewFilter all;
  all.campaign_id = campaign_;
  const auto p1 = store_->list_reviews(all, 3, 0);
  EXPECT_EQ(p1.total, 8);
  ASSERT_EQ(p1.items.size(), 3u);
  EXPECT_LT(p1.items[0].review.id, p1.items[1].review.id);
  const auto p3 = store_->list_reviews(all, 3, 6);
  EXPECT_EQ(p3.items.size(), 2u);
  EXPECT_EQ(p3.total, 8);
  EXPECT_TRUE(store_->list_reviews(all, 3, 30).items.empty());

  ReviewFilter units = all;
  units.unit_ids = {agency_};
  EXPECT_EQ(store_->list_reviews(units, 50, 0).total, 1);  // Hà only

  ASSERT_EQ(act(review_of(an_), an_, submit(full_form())).status, Status::Accepted);
  ReviewFilter staged = all;
  staged.stage = wf::Stage::CollectiveReview;
  const auto s = store_->list_reviews(staged, 50, 0);
  ASSERT_EQ(s.total, 1);
  EXPECT_EQ(s.items[0].person.full_name, "Nguyễn Văn An");
  EXPECT_EQ(s.items[0].unit_name, "Phòng Tổ chức cán bộ");
  EXPECT_EQ(s.items[0].stage_since, now_);

  ReviewFilter overdue = all;
  overdue.overdue_only = true;
  overdue.today = {2026, 11, 20};  // self-assessment due 20/11: not yet overdue
  EXPECT_EQ(store_->list_reviews(overdue, 50, 0).total, 0);
  overdue.today = {2026, 11, 21};
  EXPECT_EQ(store_->list_reviews(overdue, 50, 0).total, 7);  // An moved on (due 27/11)
  overdue.today = {2026, 11, 28};
  EXPECT_EQ(store_->list_reviews(overdue, 50, 0).total, 8);
}

}  // namespace
}  // namespace kd::storage::test
