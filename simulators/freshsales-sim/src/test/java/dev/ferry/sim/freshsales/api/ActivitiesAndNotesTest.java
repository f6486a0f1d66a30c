package dev.ferry.sim.freshsales.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ActivitiesAndNotesTest extends SandboxTestBase {

    @Test
    void tasksAreCreatedWith201CompletedWithStatus1AndListedOnlyWithAFilter() {
        long c = createContact("t@x.org", null);
        long id = api().body("{\"task\":{\"title\":\"Recall\",\"due_date\":\"2030-01-02T10:00:00+01:00\",\"owner_id\":" + ADMIN
                        + ",\"targetable_type\":\"Contact\",\"targetable_id\":" + c + ",\"custom_field\":{\"cf_dentes_id\":\"T-1\"}}}")
                .post("/tasks").then().statusCode(201)
                .body("task.status", equalTo(0))
                .body("task.due_date", equalTo("2030-01-02T05:00:00-04:00"))
                .body("task.targetables[0].id", equalTo(c))
                .body("task.targetables[0].type", equalTo("Contact"))
                .extract().jsonPath().getLong("task.id");
        api().get("/tasks").then().statusCode(400).body("errors.code", equalTo(400));
        api().get("/tasks?filter=open").then().statusCode(200).body("tasks.id", contains(id));
        api().body("{\"task\":{\"status\":1}}").put("/tasks/" + id).then().statusCode(200)
                .body("task.completed_date", notNullValue());
        api().get("/tasks?filter=completed").then().body("tasks.id", contains(id));
        api().get("/tasks?filter=open").then().body("meta.total", equalTo(0));
        api().body("{\"task\":{\"status\":3}}").put("/tasks/" + id).then().statusCode(400);
        api().body("{\"task\":{\"title\":\"x\"}}").post("/tasks").then().statusCode(400)
                .body("errors.message", hasItem("Due date can't be blank"));
        api().body("{\"task\":{\"title\":\"x\",\"due_date\":\"soon\",\"owner_id\":" + ADMIN + ",\"targetable_type\":\"Contact\","
                + "\"targetable_id\":1}}").post("/tasks").then().statusCode(400)
                .body("errors.message", hasItem("Invalid date and time for due_date"))
                .body("errors.message", hasItem("targetable_id 1 does not exist"));
        api().delete("/tasks/" + id).then().statusCode(200);
        api().get("/tasks/" + id).then().statusCode(404);
    }

    @Test
    void appointmentsNeedAFilterAndSalesActivitiesList() {
        long c = createContact("a@x.org", null);
        api().body("{\"appointment\":{\"title\":\"Check-up\",\"from_date\":\"2031-05-01T09:00:00Z\",\"end_date\":\"2031-05-01T09:30:00Z\","
                + "\"targetable_type\":\"Contact\",\"targetable_id\":" + c + "}}").post("/appointments").then().statusCode(201)
                .body("appointment.provider", equalTo("freshsales"));
        api().get("/appointments").then().statusCode(400);
        api().get("/appointments?filter=upcoming").then().body("meta.total", equalTo(1));
        api().get("/appointments?filter=past").then().body("meta.total", equalTo(0));
        api().body("{\"sales_activity\":{\"title\":\"Call\",\"sales_activity_type_id\":71000000801,\"owner_id\":" + ADMIN
                + ",\"start_date\":\"2024-03-04T10:00:00+01:00\",\"end_date\":\"2024-03-04T10:30:00+01:00\","
                + "\"targetable_type\":\"Contact\",\"targetable_id\":" + c + "}}").post("/sales_activities").then().statusCode(201)
                .body("sales_activity.targetable_id", equalTo(c));
        api().get("/sales_activities?page=1&per_page=10").then().body("sales_activities.size()", equalTo(1));
        api().body("{\"sales_activity\":{\"title\":\"Call\",\"sales_activity_type_id\":1,\"owner_id\":" + ADMIN
                + ",\"start_date\":\"2024-03-04T10:00:00+01:00\",\"end_date\":\"2024-03-04T10:30:00+01:00\","
                + "\"targetable_type\":\"Contact\",\"targetable_id\":" + c + "}}").post("/sales_activities").then().statusCode(400)
                .body("errors.message", hasItem("sales_activity_type_id 1 does not exist"));
    }

    @Test
    void notesAreCreatedWith200ReadPerParentAndHaveNoGetById() {
        long c = createContact("n@x.org", null);
        long other = createContact("o@x.org", null);
        long note = api().body("{\"note\":{\"description\":\"DENTES-NOTE N-1\\nFirst visit\",\"targetable_type\":\"Contact\","
                + "\"targetable_id\":" + c + "}}").post("/notes").then().statusCode(200)
                .body("note.targetable_id", equalTo(c)).extract().jsonPath().getLong("note.id");
        api().body("{\"note\":{\"description\":\"other\",\"targetable_type\":\"Contact\",\"targetable_id\":" + other + "}}")
                .post("/notes").then().statusCode(200);
        api().get("/contacts/" + c + "/notes").then().statusCode(200).body("notes.id", contains(note)).body("meta.total", equalTo(1));
        api().get("/notes/" + note).then().statusCode(404);
        api().get("/notes").then().statusCode(404);
        api().body("{\"note\":{\"description\":\"edited\"}}").put("/notes/" + note).then().statusCode(200)
                .body("note.description", equalTo("edited"));
        api().body("{\"note\":{\"custom_field\":{\"cf_dentes_id\":\"x\"}}}").put("/notes/" + note).then().statusCode(400);
        api().delete("/notes/" + note).then().statusCode(200);
        api().get("/contacts/" + c + "/notes").then().body("meta.total", equalTo(0));
        api().get("/contacts/1/notes").then().statusCode(404);
    }

    @Test
    void tasksAndSalesActivitiesAreListedPerParentWithTheirCustomFields() {
        long c = createContact("per-parent@x.org", null);
        long other = createContact("other-parent@x.org", null);
        long task = api().body("{\"task\":{\"title\":\"Recall\",\"due_date\":\"2030-01-02T10:00:00+03:00\",\"owner_id\":" + ADMIN
                        + ",\"targetable_type\":\"Contact\",\"targetable_id\":" + c + ",\"custom_field\":{\"cf_dentes_id\":\"R-1\"}}}")
                .post("/tasks").then().statusCode(201).extract().jsonPath().getLong("task.id");
        api().body("{\"task\":{\"title\":\"Recall\",\"due_date\":\"2030-01-02T10:00:00+03:00\",\"owner_id\":" + ADMIN
                + ",\"targetable_type\":\"Contact\",\"targetable_id\":" + other + "}}").post("/tasks").then().statusCode(201);
        long activity = api().body("{\"sales_activity\":{\"title\":\"Visit\",\"sales_activity_type_id\":71000000802,\"owner_id\":" + ADMIN
                + ",\"start_date\":\"2024-03-04T10:00:00+03:00\",\"end_date\":\"2024-03-04T10:30:00+03:00\","
                + "\"targetable_type\":\"Contact\",\"targetable_id\":" + c + ",\"custom_field\":{\"cf_dentes_id\":\"A-1\"}}}")
                .post("/sales_activities").then().statusCode(201).extract().jsonPath().getLong("sales_activity.id");
        api().get("/contacts/" + c + "/tasks?page=1&per_page=100").then().statusCode(200)
                .body("tasks.id", contains(task)).body("tasks[0].custom_field.cf_dentes_id", equalTo("R-1"))
                .body("meta.total", equalTo(1));
        api().get("/contacts/" + c + "/sales_activities").then().statusCode(200)
                .body("sales_activities.id", contains(activity))
                .body("sales_activities[0].custom_field.cf_dentes_id", equalTo("A-1"));
        api().get("/contacts/1/tasks").then().statusCode(404);
    }

    @Test
    void noteDescriptionLengthIsCapped() {
        config("{\"noteMaxLength\":10}");
        long c = createContact("len@x.org", null);
        api().body("{\"note\":{\"description\":\"0123456789\",\"targetable_type\":\"Contact\",\"targetable_id\":" + c + "}}")
                .post("/notes").then().statusCode(200);
        api().body("{\"note\":{\"description\":\"0123456789X\",\"targetable_type\":\"Contact\",\"targetable_id\":" + c + "}}")
                .post("/notes").then().statusCode(400)
                .body("errors.message", contains("Description is too long (maximum is 10 characters)"));
        assertThat(state().getList("notes")).hasSize(1);
    }

    @Test
    void productsSoftDeleteAndRestore() {
        long p = api().body("{\"product\":{\"name\":\"Scaling\",\"product_code\":\"SC-1\",\"custom_field\":{\"cf_dentes_id\":\"TR-1\"}}}")
                .post("/cpq/products").then().statusCode(201).extract().jsonPath().getLong("product.id");
        api().get("/selector/deal_products").then().body("deal_products.id", contains(p));
        api().delete("/cpq/products/" + p).then().statusCode(200);
        api().get("/cpq/products/" + p).then().body("product.is_deleted", equalTo(true));
        api().get("/selector/deal_products").then().body("deal_products.size()", equalTo(0));
        api().put("/cpq/products/" + p + "/restore").then().statusCode(200).body("product.is_deleted", equalTo(false));
        api().get("/cpq/products/" + p).then().body("product.custom_field.cf_dentes_id", equalTo("TR-1"))
                .body("product.valid_till", nullValue());
    }
}
